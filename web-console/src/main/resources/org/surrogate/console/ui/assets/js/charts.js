// Plots with Apache ECharts (loaded as the global `echarts` from its WebJar before the page's module).

const PALETTE = ['#2f7ec7', '#e0793b', '#3ca36b', '#b04a9e', '#c9a227', '#5b6bd6', '#d24d57', '#2aa7a0',
  '#8a6d3b', '#6c7a89'];

function instance(el) {
  if (typeof echarts === 'undefined') {
    throw new Error('the plotting library did not load (/webjars/echarts): reload the page');
  }
  const chart = echarts.getInstanceByDom(el) || echarts.init(el, null, { renderer: 'canvas' });
  if (!el.dataset.resizes) {
    el.dataset.resizes = '1';
    new ResizeObserver(() => chart.resize()).observe(el);
  }
  return chart;
}

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

const BASE = {
  color: PALETTE,
  animation: false,
  grid: { left: 60, right: 24, top: 40, bottom: 50, containLabel: true },
  textStyle: { fontFamily: 'system-ui, sans-serif' },
};

/**
 * Line chart of curves: series = [{name, points: [[x, y], ...]}]. A log y axis when every value is
 * positive and they span more than three orders of magnitude (losses).
 */
export function lineChart(el, series, { xName = 'step', yName = '', title } = {}) {
  const values = series.flatMap((s) => s.points.map((p) => p[1])).filter((v) => Number.isFinite(v));
  const log = values.length > 0 && values.every((v) => v > 0) && Math.max(...values) / Math.min(...values) > 1000;
  const chart = instance(el);
  chart.setOption({
    ...BASE,
    title: title ? { text: title, textStyle: { fontSize: 13 } } : undefined,
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', top: title ? 22 : 0 },
    grid: { ...BASE.grid, top: title ? 56 : 36 },
    xAxis: { type: 'value', name: xName, nameLocation: 'middle', nameGap: 28, minInterval: 1, min: 'dataMin' },
    yAxis: { type: log ? 'log' : 'value', name: yName, scale: true },
    series: series.map((s) => ({ name: s.name, type: 'line', showSymbol: s.points.length < 60, data: s.points })),
  }, true);
  return chart;
}

/** Grouped bar chart: categories on x, one series per group: series = [{name, values: [...]}]. */
export function barChart(el, categories, series, { yName = '', horizontalLabels = false } = {}) {
  const chart = instance(el);
  chart.setOption({
    ...BASE,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { type: 'scroll', top: 0 },
    xAxis: { type: 'category', data: categories,
      axisLabel: { interval: 0, rotate: horizontalLabels || categories.length <= 4 ? 0 : 30 } },
    yAxis: { type: 'value', name: yName },
    series: series.map((s) => ({ name: s.name, type: 'bar', data: s.values })),
  }, true);
  return chart;
}

/**
 * Scatter of real against synthetic scores with the diagonal y = x: series = [{name, points:
 * [{real, synthetic, label}]}].
 */
export function fidelityScatter(el, series, metric) {
  const all = series.flatMap((s) => s.points.flatMap((p) => [p.real, p.synthetic])).filter(Number.isFinite);
  const lo = all.length ? Math.min(...all) : 0;
  const hi = all.length ? Math.max(...all) : 1;
  const pad = (hi - lo) * 0.08 || 0.01;
  // Round the ends so that the axes get readable labels.
  const range = Math.max(hi - lo, 1e-6);
  let step = Math.pow(10, Math.floor(Math.log10(range)));
  if (range / step < 3) {
    step /= 2;
  }
  const min = Math.max(0, Math.floor((lo - pad) / step) * step);
  const max = Math.ceil((hi + pad) / step) * step;
  const label = { formatter: (v) => String(Number(v.toPrecision(4))) };
  const chart = instance(el);
  chart.setOption({
    ...BASE,
    tooltip: {
      trigger: 'item',
      // The tooltip is HTML: labels come from run data, so they are escaped.
      formatter: (p) => p.seriesName === 'y = x' ? '' : escapeHtml(p.data[2]) + '<br>real ' + p.data[0].toFixed(4)
        + '<br>synthetic ' + p.data[1].toFixed(4) + '<br>' + escapeHtml(p.seriesName),
    },
    legend: { type: 'scroll', top: 0 },
    xAxis: { type: 'value', name: 'real ' + metric, nameLocation: 'middle', nameGap: 28, min, max, axisLabel: label },
    yAxis: { type: 'value', name: 'synthetic ' + metric, min, max, axisLabel: label },
    series: [
      ...series.map((s) => ({
        name: s.name, type: 'scatter', symbolSize: 11,
        data: s.points.map((p) => [p.real, p.synthetic, p.label]),
        label: { show: true, position: 'right', formatter: (p) => p.data[2], fontSize: 11 },
      })),
      { name: 'y = x', type: 'line', data: [[min, min], [max, max]], showSymbol: false, silent: true,
        lineStyle: { type: 'dashed', color: '#9aa5b1', width: 1 } },
    ],
  }, true);
  return chart;
}
