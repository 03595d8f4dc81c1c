// The dashboard: running and queued trials with live progress bars, experiments, recent results.
import {
  api, badge, boot, can, debounce, experimentLink, fill, fmt, fmtTime, follow, h, liveIndicator, progressBar,
  runLink, session, setProgress, showError, showErrorIn, table,
} from './common.js';

const ENDED = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED', 'INTERRUPTED']);
/** Rows of the queue table by run id: {row, bar, stateCell, messageCell, trial}. */
const rows = new Map();
/** How long an ended trial stays in the table, so that its full bar can be seen. */
const KEEP_ENDED_MS = 60_000;
/** Experiment names by id, for the queue's links. */
const names = new Map();

await boot('dashboard');
const live = liveIndicator();
document.getElementById('live-slot').append(live);
const queueBox = document.getElementById('queue');
const tbody = h('tbody', { id: 'queue-rows' });
queueBox.append(h('div', { class: 'table-wrap' }, h('table', { id: 'queue-table' },
  h('thead', {}, h('tr', {}, ['Run', 'Experiment', 'User', 'State', 'Progress', 'Message', ''].map((x) => h('th', {}, x)))),
  tbody)), h('div', { class: 'empty', id: 'queue-empty' }, 'No trial is running or queued.'));

function upsert(t) {
  let r = rows.get(t.runId);
  if (!r) {
    const bar = progressBar(t.progress, { state: t.state });
    bar.dataset.run = t.runId;
    const stateCell = h('td', {});
    const messageCell = h('td', { class: 'small muted' });
    const actions = h('td', {});
    const row = h('tr', { dataset: { run: t.runId } }, h('td', {}, runLink(t.runId)),
      h('td', { class: 'experiment' }, experimentLink(t.experimentId, names.get(t.experimentId))),
      h('td', {}, t.user || ''), stateCell, h('td', {}, bar),
      messageCell, actions);
    r = { row, bar, stateCell, messageCell, actions, trial: t };
    rows.set(t.runId, r);
    tbody.append(row);
  }
  r.trial = { ...r.trial, ...t };
  const s = r.trial.state;
  r.stateCell.replaceChildren(badge(s));
  r.messageCell.textContent = r.trial.message || '';
  setProgress(r.bar, s === 'SUCCEEDED' ? 1 : r.trial.progress, s);
  r.actions.replaceChildren();
  if (!ENDED.has(s) && (session.role === 'admin' || (can('researcher') && r.trial.user === session.user))) {
    r.actions.append(h('button', { type: 'button', class: 'danger small', onclick: () => control(t.runId, 'cancel') },
      'Cancel'));
  }
  if (ENDED.has(s) && !r.endedAt) {
    r.endedAt = Date.now();
    setTimeout(() => drop(t.runId), KEEP_ENDED_MS);
  }
  showQueueTable();
}

/** The table when there are trials, a sentence when there are none. */
function showQueueTable() {
  document.getElementById('queue-empty').classList.toggle('hidden', rows.size > 0);
  document.getElementById('queue-table').classList.toggle('hidden', rows.size === 0);
}

function drop(runId) {
  const r = rows.get(runId);
  if (r) {
    r.row.remove();
    rows.delete(runId);
  }
  showQueueTable();
}

async function control(runId, action) {
  try {
    upsert(await api('queue/' + encodeURIComponent(runId) + '/' + action, { method: 'POST' }));
  } catch (e) {
    showError(e);
  }
}

async function loadQueue() {
  const queue = await api('queue');
  const present = new Set(queue.map((t) => t.runId));
  for (const t of queue) {
    upsert(t);
  }
  // Trials that left the queue ended (the stream may have missed it while reconnecting).
  for (const [id, r] of rows) {
    if (!present.has(id) && !ENDED.has(r.trial.state)) {
      upsert({ runId: id, state: 'SUCCEEDED', progress: 1 });
    }
  }
}

function ended(counts) {
  return ['SUCCEEDED', 'FAILED', 'CANCELLED', 'INTERRUPTED'].reduce((n, k) => n + (counts[k] || 0), 0);
}

async function loadExperiments() {
  const box = document.getElementById('experiments');
  try {
    const all = await api('experiments');
    all.forEach((x) => names.set(x.info.id, x.info.name));
    for (const r of rows.values()) {
      if (r.trial.experimentId && names.has(r.trial.experimentId)) {
        r.row.querySelector('td.experiment').replaceChildren(experimentLink(r.trial.experimentId,
          names.get(r.trial.experimentId)));
      }
    }
    const list = all.slice(0, 12);
    box.replaceChildren(table(['Name', 'User', 'State', 'Trials', 'Submitted'], list.map((x) => {
      const done = ended(x.counts || {});
      return [experimentLink(x.info.id, x.info.name), x.info.user, badge(x.state),
        progressBar(x.info.trialCount ? done / x.info.trialCount : 0, {
          state: x.state === 'FINISHED' ? 'finished' : x.state, text: done + '/' + x.info.trialCount,
        }), fmtTime(x.info.submitted)];
    }), { id: 'experiments-table', empty: 'No experiment yet: start one with "New experiment".' }));
  } catch (e) {
    showErrorIn(box, e);
  }
}

/**
 * The metric shown for a run: a rank correlation on ndcg@10 (ranking fidelity), else the best
 * ndcg@10 among its recommenders, else its first metric.
 */
function headline(metrics) {
  const names = Object.keys(metrics || {});
  const kendall = names.find((n) => /kendall\/ndcg@10$/.test(n));
  if (kendall) {
    return [kendall, metrics[kendall]];
  }
  const ndcg = names.filter((n) => /ndcg@10$/.test(n));
  const pick = ndcg.length ? ndcg.reduce((a, b) => (metrics[b] > metrics[a] ? b : a)) : names[0];
  return pick ? [pick, metrics[pick]] : ['', null];
}

async function loadResults() {
  const box = document.getElementById('results');
  try {
    const r = await api('runs?limit=10');
    fill(box, table(['Run', 'Experiment', 'Protocol', 'Status', 'Headline metric', '', 'Ended'], r.hits.map((run) => {
      const [name, value] = headline(run.metrics);
      return [runLink(run.id), experimentLink(run.experimentId, (run.description || '').split(':')[0]
        || run.experimentId), run.protocol, badge(run.status), h('span', { class: 'small muted' }, name), fmt(value),
      fmtTime(run.ended)];
    }), { numeric: [5], id: 'results-table', empty: 'No results yet.' }),
    r.total > 10 ? h('p', { class: 'small' }, h('a', { href: '/search' }, 'All ' + r.total + ' runs')) : null);
  } catch (e) {
    showErrorIn(box, e);
  }
}

const refresh = debounce(() => {
  loadQueue().catch(showError);
  loadExperiments();
  loadResults();
}, 400);

follow('', {
  trial: (t) => {
    upsert(t);
    if (ENDED.has(t.state) || t.state === 'QUEUED') {
      refresh();
    }
  },
  progress: (p) => {
    const r = rows.get(p.runId);
    if (r) {
      upsert({ runId: p.runId, progress: p.fraction, message: p.message, state: r.trial.state === 'QUEUED'
        ? 'RUNNING' : r.trial.state });
    } else {
      upsert({ runId: p.runId, experimentId: p.experimentId, progress: p.fraction, message: p.message,
        state: 'RUNNING' });
    }
  },
  experiment: () => refresh(),
}, (on) => {
  live.update(on);
  if (on) {
    refresh();
  }
});

try {
  await loadQueue();
} catch (e) {
  showErrorIn(queueBox, e);
}
showQueueTable();
loadExperiments();
loadResults();
