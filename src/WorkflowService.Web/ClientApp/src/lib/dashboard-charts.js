// The managers' dashboard's charts as ECharts options, from the JSON the page embeds (Pages/Reports/Index.cshtml).
// Pure functions, so that node tests can read the options without a canvas.

/** A rate 0–1 as the page writes it, "66.7%"; "—" for null (a period with no case). */
export function percent(rate) {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return '—';
  return `${Number((rate * 100).toFixed(1))}%`;
}

/** "on time / cases", as beside each rate on the page. */
export function ratio(kept, cases) {
  return `${kept} / ${cases}`;
}

/** The breaches list filtered to one rule (the /breaches page filters on rule only, not on a period). */
export function breachesUrl(rule) {
  return `/breaches?rule=${encodeURIComponent(rule)}`;
}

/** The page's data block, or null when it is missing or does not parse (the tiles still read without the charts). */
export function readData(text) {
  if (!text) return null;
  try {
    const data = JSON.parse(text);
    return data && data.breaches && data.volume ? data : null;
  } catch {
    return null;
  }
}

/** Breaches by rule: one horizontal bar per rule (the rule names are long), the rule's id kept on each bar for its link. */
export function breachesOption(breaches, texts = {}) {
  const { rules = [], labels = [], counts = [] } = breaches ?? {};
  return {
    animation: false,
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'value', minInterval: 1 },
    // ECharts draws the first category at the bottom: reverse, so the bars read in the table's order.
    yAxis: { type: 'category', inverse: true, data: labels.map((l, i) => l || rules[i]) },
    series: [{
      type: 'bar',
      name: texts.breaches ?? 'Breaches',
      data: counts.map((value, i) => ({ value, rule: rules[i] })),
      label: { show: true, position: 'right' },
      cursor: 'pointer',
    }],
  };
}

/** An axis label: a day (yyyy-MM-dd) as MM-dd, a month (yyyy-MM, a long period's bar) as it is. */
export function bucketLabel(bucket) {
  return /^\d{4}-\d{2}-\d{2}$/.test(bucket) ? bucket.slice(5) : bucket;
}

/** Requests by type per day (or month): a stacked bar per type over every day of the period (days without requests are zero). */
export function volumeOption(volume) {
  const { days = [], series = [] } = volume ?? {};
  return {
    animation: false,
    grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: series.map(s => s.name) },
    xAxis: { type: 'category', data: days.map(bucketLabel) },
    yAxis: { type: 'value', minInterval: 1 },
    series: series.map(s => ({ type: 'bar', stack: 'requests', name: s.name, data: s.counts })),
  };
}

/** The total the volume chart adds up to (the page's "requests received"). */
export function volumeTotal(volume) {
  return (volume?.series ?? []).reduce((sum, s) => sum + s.counts.reduce((a, b) => a + b, 0), 0);
}
