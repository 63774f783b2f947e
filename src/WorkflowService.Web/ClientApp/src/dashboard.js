// The managers' dashboard (/reports): draws the charts from the page's JSON block; a bar leads to the list behind it. The numbers themselves are
// rendered by the server; without this script the page still reads, only without the charts.
// Only the ECharts parts used are imported (core, bar chart, grid, tooltip, legend, canvas) to keep the bundle small.
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { breachesOption, breachesUrl, distributionOption, readData, volumeOption } from './lib/dashboard-charts.js';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const data = readData(document.getElementById('dashboard-data')?.textContent);

function draw(id, option) {
  const element = document.getElementById(id);
  if (!element) return null;
  const chart = echarts.init(element, null, { renderer: 'canvas' });
  // data-ready tells a test (or a screenshot) the chart is drawn, not only created.
  chart.on('finished', () => element.setAttribute('data-ready', 'true'));
  chart.setOption(option);
  window.addEventListener('resize', () => chart.resize());
  return chart;
}

if (data) {
  const breaches = draw('chart-breaches', breachesOption(data.breaches, data.texts));
  // A bar leads to the breaches of its rule, as the number in the table beside it does.
  breaches?.on('click', params => {
    if (params.data?.rule) window.location.assign(breachesUrl(params.data.rule, data.period));
  });
  if (data.volume.series.length > 0) draw('chart-volume', volumeOption(data.volume));
  for (const id of ['satisfaction', 'causes', 'ages', 'persons']) {
    if (!data[id]?.length) continue;
    draw(`chart-${id}`, distributionOption(data[id], data.texts))?.on('click', params => {
      if (params.data?.url) window.location.assign(params.data.url);
    });
  }
}
