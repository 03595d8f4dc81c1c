// An experiment: its state, an overall progress bar and one per trial (live), controls, its runs'
// results with a plot, and its spec.
import {
  api, badge, boot, can, debounce, fmt, fmtTime, follow, h, liveIndicator, pathId, progressBar, runLink, session,
  setProgress, showError, showErrorIn, table,
} from './common.js';
import { barChart } from './charts.js';

await boot('dashboard');
const id = pathId();
const root = document.getElementById('experiment');
const ENDED = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED', 'INTERRUPTED']);
/** Trials by run id, as last seen: {runId, index, state, progress, message, attempt}. */
const trials = new Map();
let experiment = null;

const live = liveIndicator();
const overall = progressBar(0, { big: true, id: 'experiment-progress' });
const head = h('div', { class: 'page-head' });
const controls = h('div', { class: 'row', id: 'controls' });
const trialsBox = h('div', { id: 'trials' });
const resultsBox = h('div', { id: 'results' });
const chartBox = h('div', { id: 'results-chart', class: 'chart hidden' });
const specBox = h('pre', { id: 'spec' });
root.append(head,
  h('section', { class: 'card' }, h('div', { class: 'row' }, h('h2', {}, 'Progress'), h('span', { class: 'spacer' }),
    live, controls), overall),
  h('section', { class: 'card' }, h('h2', {}, 'Trials'), trialsBox),
  h('section', { class: 'card' }, h('div', { class: 'row' }, h('h2', {}, 'Results'), h('span', { class: 'spacer' }),
    h('button', { type: 'button', id: 'compare-selected', onclick: compareSelected }, 'Compare selected')),
  resultsBox, chartBox),
  h('section', { class: 'card' }, h('div', { class: 'row' }, h('h2', {}, 'Spec'), h('span', { class: 'spacer' }),
    h('a', { class: 'button', href: '/experiments/new?from=' + encodeURIComponent(id) }, 'Edit a copy')), specBox));

function drawHead() {
  const x = experiment.info;
  head.replaceChildren(h('div', {}, h('h1', {}, x.name, ' ', badge(experiment.state)),
    h('div', { class: 'sub' }, h('span', { class: 'mono' }, x.id), ' · by ', x.user, ' · submitted ',
      fmtTime(x.submitted), x.tags.length ? ' · tags: ' + x.tags.join(', ') : ''),
    x.description ? h('p', {}, x.description) : null));
  controls.replaceChildren();
  const mine = session.role === 'admin' || (can('researcher') && x.user === session.user);
  if (mine && (experiment.state === 'ACTIVE' || experiment.state === 'PAUSED')) {
    controls.append(
      experiment.state === 'ACTIVE' ? h('button', { type: 'button', onclick: () => control('pause') }, 'Pause')
        : h('button', { type: 'button', onclick: () => control('resume') }, 'Resume'),
      h('button', { type: 'button', class: 'danger', onclick: () => control('cancel') }, 'Cancel'));
  }
}

async function control(action) {
  try {
    const view = await api('experiments/' + encodeURIComponent(id) + '/' + action, { method: 'POST' });
    experiment = view.experiment;
    drawHead();
  } catch (e) {
    showError(e);
  }
}

/** Overall progress: ended trials count whole, running ones by their fraction. */
function drawProgress() {
  const total = experiment.info.trialCount || trials.size || 1;
  let done = 0;
  let ended = 0;
  for (const t of trials.values()) {
    if (ENDED.has(t.state)) {
      done += 1;
      ended += 1;
    } else if (t.state === 'RUNNING') {
      done += Math.max(0, Math.min(1, t.progress || 0));
    }
  }
  const counts = experiment.counts || {};
  const endedByCounts = [...ENDED].reduce((n, k) => n + (counts[k] || 0), 0);
  if (endedByCounts > ended) {
    done += endedByCounts - ended;
    ended = endedByCounts;
  }
  const finished = ended >= total;
  setProgress(overall, finished ? 1 : done / total, finished ? (counts.FAILED ? 'failed' : 'finished') : 'running',
    ended + '/' + total + ' trials ended' + (finished ? '' : ' · ' + Math.round((done / total) * 100) + ' %'));
  overall.dataset.ended = String(ended);
  overall.dataset.total = String(total);
}

const trialRows = new Map();

function drawTrial(t) {
  let r = trialRows.get(t.runId);
  if (!r) {
    r = { bar: progressBar(0), state: h('td', {}), message: h('td', { class: 'small muted' }), attempt: h('td', {}) };
    r.bar.dataset.run = t.runId;
    r.row = h('tr', { dataset: { run: t.runId } }, h('td', { class: 'num' }, t.index === undefined || t.index < 0 ? ''
      : String(t.index)), h('td', {}, runLink(t.runId)), r.state, r.attempt, h('td', {}, r.bar), r.message);
    trialRows.set(t.runId, r);
    const tbody = trialsBox.querySelector('tbody');
    const rows = [...tbody.children];
    const after = rows.find((x) => Number(x.firstChild.textContent) > t.index);
    tbody.insertBefore(r.row, after || null);
  }
  r.state.replaceChildren(badge(t.state));
  r.attempt.textContent = t.attempt ? String(t.attempt) : '';
  r.message.textContent = t.message || '';
  setProgress(r.bar, t.state === 'SUCCEEDED' ? 1 : t.progress, t.state);
}

function update(t) {
  const old = trials.get(t.runId) || {};
  const merged = { ...old, ...t };
  trials.set(t.runId, merged);
  drawTrial(merged);
  drawProgress();
}

async function loadRuns() {
  try {
    const r = await api('runs?limit=200&sort=id&q=' + encodeURIComponent('experiment:"' + id + '"'));
    for (const run of r.hits) {
      if (!trials.has(run.id) || !ENDED.has(trials.get(run.id).state)) {
        const index = Number(run.id.substring(run.id.lastIndexOf('-') + 1));
        if (ENDED.has(run.status) || !trials.has(run.id)) {
          update({ runId: run.id, index: Number.isFinite(index) ? index : undefined, state: run.status,
            attempt: run.attempt, progress: ENDED.has(run.status) ? 1 : 0, message: run.message || '' });
        }
      }
    }
    drawResults(r.hits);
  } catch (e) {
    showErrorIn(resultsBox, e);
  }
}

/** The metrics every finished run has, in the first run's order. */
function commonMetrics(runs) {
  const done = runs.filter((r) => r.metrics && Object.keys(r.metrics).length);
  if (!done.length) {
    return [];
  }
  return Object.keys(done[0].metrics).filter((m) => done.every((r) => m in r.metrics));
}

function drawResults(runs) {
  const metrics = commonMetrics(runs);
  const shown = metrics.filter((m) => /(^|\/)(ndcg|recall)@\d+$|kendall|spearman/.test(m)
    && !/\.(lower|upper)$/.test(m)).slice(0, 6);
  const columns = shown.length ? shown : metrics.slice(0, 6);
  resultsBox.replaceChildren(table(['', 'Run', 'Status', 'Seed', ...columns], runs.map((run) => [
    h('input', { type: 'checkbox', class: 'pick', value: run.id, 'aria-label': 'select ' + run.id }),
    runLink(run.id), badge(run.status), String(run.seed), ...columns.map((m) => fmt(run.metrics[m]))]),
  { numeric: columns.map((_, i) => i + 4), id: 'results-table', empty: 'No run has results yet.' }));
  if (columns.length && runs.some((r) => r.metrics && Object.keys(r.metrics).length)) {
    chartBox.classList.remove('hidden');
    const finished = runs.filter((r) => r.metrics && Object.keys(r.metrics).length);
    barChart(chartBox, columns, finished.map((r) => ({ name: 'seed ' + r.seed + ' · ' + r.id.substring(r.id.length - 5),
      values: columns.map((m) => r.metrics[m]) })));
  }
}

function compareSelected() {
  const ids = [...resultsBox.querySelectorAll('input.pick:checked')].map((c) => c.value);
  const all = [...resultsBox.querySelectorAll('input.pick')].map((c) => c.value);
  const pick = ids.length >= 2 ? ids : all.slice(0, 4);
  if (pick.length < 2) {
    showError(new Error('select at least two runs to compare'));
    return;
  }
  location.assign('/compare?ids=' + pick.map(encodeURIComponent).join(','));
}

async function load() {
  const view = await api('experiments/' + encodeURIComponent(id));
  experiment = view.experiment;
  document.title = experiment.info.name + ' · Surrogate';
  drawHead();
  specBox.textContent = experiment.info.specText;
  for (const t of view.trials) {
    update({ runId: t.runId, index: t.def ? t.def.index : undefined, state: t.state, progress: t.progress,
      message: t.message, attempt: t.attempt });
  }
  drawProgress();
}

trialsBox.append(h('div', { class: 'table-wrap' }, h('table', { id: 'trials-table' }, h('thead', {}, h('tr', {},
  ['#', 'Run', 'State', 'Attempt', 'Progress', 'Message'].map((x) => h('th', {}, x)))), h('tbody', {}))));

const refresh = debounce(async () => {
  try {
    await load();
  } catch (e) {
    showError(e);
  }
  loadRuns();
}, 300);

try {
  await load();
  await loadRuns();
} catch (e) {
  showErrorIn(root, e);
}

follow('experiment=' + encodeURIComponent(id), {
  trial: (t) => {
    update({ runId: t.runId, index: t.index, state: t.state, progress: t.progress, message: t.message,
      attempt: t.attempt });
    if (ENDED.has(t.state)) {
      refresh();
    }
  },
  progress: (p) => {
    const old = trials.get(p.runId);
    update({ runId: p.runId, progress: p.fraction, state: old && old.state !== 'QUEUED' ? old.state : 'RUNNING',
      message: p.message });
  },
  experiment: (x) => {
    if (experiment) {
      experiment = { ...experiment, state: x.state, counts: x.counts };
      drawHead();
      drawProgress();
    }
    refresh();
  },
}, (on) => {
  live.update(on);
  if (on) {
    refresh();
  }
});
