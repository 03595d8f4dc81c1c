// A run: status, parameters, provenance, metric-history plots (live while it runs), final metrics
// as a table and a bar chart, artifacts to download, and its log.
import {
  api, badge, boot, experimentLink, fill, fmt, fmtDuration, fmtTime, follow, h, liveIndicator, metricGroup, pathId,
  showErrorIn, table,
} from './common.js';
import { barChart, lineChart } from './charts.js';

await boot('search');
const id = pathId();
const root = document.getElementById('run');
const ENDED = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED', 'INTERRUPTED']);
let curves = {};
let record = null;

const historyChart = h('div', { class: 'chart', id: 'history-chart' });
const historyPick = h('select', { id: 'history-metric', onchange: drawHistory });
const metricsChart = h('div', { class: 'chart', id: 'metrics-chart' });
const metricPick = h('select', { id: 'metric-group', onchange: drawMetricChart });
const metricFilter = h('input', { type: 'search', id: 'metric-filter', placeholder: 'Filter metrics',
  oninput: drawMetricTable });
const metricTable = h('div', { id: 'metrics-table-box' });
const live = liveIndicator();

function kv(pairs) {
  return h('dl', { class: 'kv' }, pairs.filter(([, v]) => v !== undefined && v !== null && v !== '')
    .flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

/** Curves by the part of their name after the last '/': every recommender's loss together. */
function historyGroups() {
  const groups = new Map();
  for (const name of Object.keys(curves)) {
    const g = name.includes('/') ? name.substring(name.lastIndexOf('/') + 1) : name;
    groups.set(g, [...(groups.get(g) || []), name]);
  }
  return groups;
}

function drawHistory() {
  const groups = historyGroups();
  const box = document.getElementById('history');
  if (!groups.size) {
    box.replaceChildren(h('div', { class: 'empty' }, ENDED.has(record.status)
      ? 'This run logged no metric history (only iterative methods, such as ALS or BPR, log curves).'
      : 'No point logged yet.'));
    return;
  }
  if (!box.contains(historyChart)) {
    box.replaceChildren(h('div', { class: 'row' }, h('label', { for: 'history-metric' }, 'Metric'), historyPick),
      historyChart);
  }
  const current = historyPick.value;
  historyPick.replaceChildren(...[...groups.keys()].map((g) => h('option', { value: g, selected: g === current },
    g + ' (' + groups.get(g).length + ')')));
  const names = groups.get(historyPick.value) || [];
  lineChart(historyChart, names.map((n) => ({ name: n, points: curves[n].map((p) => [p[0], p[1]]) })),
    { yName: historyPick.value });
}

/** Final metrics grouped by what follows the last '/', such as ndcg@10 across recommenders. */
function metricGroups() {
  const groups = new Map();
  for (const [name, value] of Object.entries(record.metrics || {})) {
    if (!Number.isFinite(value)) {
      continue;
    }
    const { group, category } = metricGroup(name);
    groups.set(group, [...(groups.get(group) || []), [category, value]]);
  }
  return groups;
}

function drawMetricChart() {
  const groups = metricGroups();
  const pairs = groups.get(metricPick.value) || [];
  barChart(metricsChart, pairs.map((p) => p[0]), [{ name: metricPick.value, values: pairs.map((p) => p[1]) }],
    { yName: metricPick.value });
}

function drawMetricTable() {
  const f = metricFilter.value.trim().toLowerCase();
  const rows = Object.entries(record.metrics || {}).filter(([k]) => !f || k.toLowerCase().includes(f));
  metricTable.replaceChildren(table(['Metric', 'Value'], rows.map(([k, v]) => [k, fmt(v)]),
    { numeric: [1], id: 'metrics-table', empty: f ? 'No metric matches.' : 'No metrics (yet).' }));
}

function drawMetrics() {
  const groups = metricGroups();
  const box = document.getElementById('final');
  if (!groups.size) {
    box.replaceChildren(h('div', { class: 'empty' }, 'No final metrics (yet).'));
    return;
  }
  const preferred = [...groups.keys()].find((g) => /^ndcg@10$/.test(g))
    || [...groups.keys()].sort((a, b) => groups.get(b).length - groups.get(a).length)[0];
  metricPick.replaceChildren(...[...groups.keys()].map((g) => h('option', { value: g, selected: g === preferred },
    g)));
  box.replaceChildren(h('div', { class: 'grid-2' },
    h('div', {}, h('div', { class: 'row' }, h('label', { for: 'metric-group' }, 'Metric'), metricPick), metricsChart),
    h('div', {}, metricFilter, h('div', { style: 'max-height: 300px; overflow: auto; margin-top: 8px' },
      metricTable))));
  drawMetricChart();
  drawMetricTable();
}

async function drawArtifacts() {
  const box = document.getElementById('artifacts');
  try {
    const list = await api('runs/' + encodeURIComponent(id) + '/artifacts');
    box.replaceChildren(table(['Name', 'Size', 'Written'], list.map((a) => [
      h('a', { href: '/api/v1/runs/' + encodeURIComponent(id) + '/artifacts/' + encodeURIComponent(a.name),
        download: a.name }, a.name), a.size < 1024 ? a.size + ' B' : (a.size / 1024).toFixed(1) + ' KiB',
      fmtTime(a.modified)]), { numeric: [1], id: 'artifacts-table', empty: 'No artifacts.' }));
  } catch (e) {
    showErrorIn(box, e);
  }
}

async function drawLog() {
  const box = document.getElementById('log');
  try {
    const text = await api('runs/' + encodeURIComponent(id) + '/log');
    box.textContent = text.length > 200_000 ? '… (the first ' + (text.length - 200_000) + ' characters are left out)\n'
      + text.substring(text.length - 200_000) : text;
    box.scrollTop = box.scrollHeight;
  } catch (e) {
    box.textContent = e.status === 404 ? 'No log yet.' : e.message;
  }
}

function draw() {
  const r = record;
  const owner = r.user ? ' · by ' + r.user : '';
  fill(root,
    h('div', { class: 'page-head' }, h('div', {}, h('h1', {}, 'Run ', h('span', { class: 'mono' }, r.id), ' ',
      badge(r.status)), h('div', { class: 'sub' }, r.protocol, ' · seed ', String(r.seed), owner,
      r.experimentId ? [' · experiment ', experimentLink(r.experimentId)] : '')),
    h('div', { class: 'row' }, live, h('a', { class: 'button', href: '/compare?ids=' + encodeURIComponent(r.id) },
      'Compare…'))),
    r.message ? h('div', { class: r.status === 'FAILED' ? 'msg error' : 'msg info' }, r.message) : null,
    h('section', { class: 'card' }, h('h2', {}, 'Metric history'), h('div', { id: 'history' })),
    h('section', { class: 'card' }, h('h2', {}, 'Final metrics'), h('div', { id: 'final' })),
    h('div', { class: 'grid-2' },
      h('section', { class: 'card' }, h('h2', {}, 'Parameters'), table(['Parameter', 'Value'],
        Object.entries(r.params || {}).map(([k, v]) => [k, fmt(v)]), { id: 'params-table', empty: 'Defaults only.' }),
      h('details', {}, h('summary', {}, 'Trial request (JSON)'), h('pre', {}, JSON.stringify(r.spec, null, 2)))),
      h('section', { class: 'card' }, h('h2', {}, 'Provenance'), kv([
        ['status', r.status + (r.attempt > 1 ? ' (attempt ' + r.attempt + ')' : '')],
        ['created', fmtTime(r.created)], ['started', fmtTime(r.started)], ['ended', fmtTime(r.ended)],
        ['duration', fmtDuration(r.started, r.ended)],
        ['protocol fingerprint', h('span', { class: 'mono' }, r.fingerprint || '')],
        ['dataset checksum', h('span', { class: 'mono small' }, r.datasetChecksum || '')],
        ['description', r.description], ['tags', (r.tags || []).join(', ')],
        ...Object.entries(r.environment || {}).map(([k, v]) => [k, v]),
      ]), h('h3', {}, 'Plugins'), table(['Slot', 'Plugin', 'Version', 'Bundle (sha256)'], (r.plugins || []).map((p) =>
        [p.slot, p.id, p.version || '', h('span', { class: 'small' }, p.bundleSymbolicName || '',
          p.bundleSha256 ? h('span', { class: 'mono muted', title: p.bundleSha256 }, ' ' + p.bundleSha256
            .substring(0, 12) + '…') : '')]), { id: 'plugins-table' }))),
    h('section', { class: 'card' }, h('h2', {}, 'Artifacts'), h('div', { id: 'artifacts' })),
    h('section', { class: 'card' }, h('div', { class: 'row' }, h('h2', {}, 'Log'), h('span', { class: 'spacer' }),
      h('button', { type: 'button', onclick: drawLog }, 'Reload')), h('pre', { id: 'log' }, 'Loading…')));
  drawHistory();
  drawMetrics();
  drawArtifacts();
  drawLog();
}

async function load() {
  const view = await api('runs/' + encodeURIComponent(id));
  record = view.run;
  curves = view.curves || {};
  document.title = 'Run ' + id + ' · Surrogate';
  draw();
}

try {
  await load();
} catch (e) {
  showErrorIn(root, e);
}

if (record && !ENDED.has(record.status)) {
  let reloading = false;
  follow('run=' + encodeURIComponent(id), {
    metric: (m) => {
      (curves[m.name] || (curves[m.name] = [])).push([m.step, m.value]);
      drawHistory();
    },
    trial: (t) => {
      if (ENDED.has(t.state) && !reloading) {
        reloading = true;
        setTimeout(() => load().catch(() => {}), 500);
      }
    },
  }, (on) => live.update(on));
} else {
  live.remove();
}
