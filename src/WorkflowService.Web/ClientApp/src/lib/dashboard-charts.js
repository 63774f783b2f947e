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

/**
 * The breaches list filtered to one rule and, when given, to the days shown (period: { from, to }, yyyy-MM-dd), as the
 * number beside the chart links.
 */
export function breachesUrl(rule, period) {
  const days = period?.from && period?.to
    ? `from=${encodeURIComponent(period.from)}&to=${encodeURIComponent(period.to)}&`
    : '';
  return `/breaches?${days}rule=${encodeURIComponent(rule)}`;
}

/** The list of the cases a number counted in the days shown (/reports/cases). */
export function casesUrl(number, period) {
  return `/reports/cases?number=${encodeURIComponent(number)}&from=${encodeURIComponent(period?.from ?? '')}&to=${encodeURIComponent(period?.to ?? '')}`;
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

/**
 * A distribution (satisfaction by score, complaints by cause, open orders by age, breaches by person): one vertical
 * bar per key, in the page's order, each bar keeping the address of the list behind it (bars: [{ key, label, count, url }]).
 */
export function distributionOption(bars, texts = {}) {
  const list = Array.isArray(bars) ? bars : [];
  return {
    animation: false,
    grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'category', data: list.map(b => b.label || b.key), axisLabel: { interval: 0, hideOverlap: true } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{
      type: 'bar',
      name: texts.count ?? 'Count',
      data: list.map(b => ({ value: b.count, url: b.url })),
      label: { show: true, position: 'top' },
      cursor: 'pointer',
    }],
  };
}

/** The sum of a distribution's bars: the number it breaks down (e.g. the complaints, the open orders). */
export function distributionTotal(bars) {
  return (Array.isArray(bars) ? bars : []).reduce((sum, b) => sum + (b.count ?? 0), 0);
}
