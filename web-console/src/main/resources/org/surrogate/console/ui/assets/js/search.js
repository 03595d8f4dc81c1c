// Search over the runs: a Lucene query with syntax help, facets that filter, sortable columns,
// paging, saved queries (kept in this browser's localStorage), and "compare selected".
import {
  api, badge, boot, experimentLink, fieldName, fmt, fmtTime, h, message, runLink, showErrorIn,
} from './common.js';

await boot('search');
const root = document.getElementById('search');
const FACETS = ['status', 'protocol', 'plugin', 'dataset', 'user', 'tag'];
const PAGE = 20;
const SAVED_KEY = 'surrogate.savedQueries';

/** The search, kept in the page's URL so that back, forward and links work. */
const state = { q: '', filters: [], sort: '', offset: 0 };

function readUrl() {
  const p = new URLSearchParams(location.search);
  state.q = p.get('q') || '';
  state.filters = p.getAll('f').filter((f) => f.includes(':'));
  state.sort = p.get('sort') || '';
  state.offset = Math.max(0, Number(p.get('offset')) || 0);
}

function writeUrl(push) {
  const p = new URLSearchParams();
  if (state.q) p.set('q', state.q);
  state.filters.forEach((f) => p.append('f', f));
  if (state.sort) p.set('sort', state.sort);
  if (state.offset) p.set('offset', String(state.offset));
  const url = location.pathname + (p.toString() ? '?' + p : '');
  if (push) {
    history.pushState(null, '', url);
  } else {
    history.replaceState(null, '', url);
  }
}

/** The query sent: the typed query ANDed with each facet filter (field:"value"). */
function fullQuery() {
  const parts = [];
  if (state.q.trim() && state.q.trim() !== '*') {
    parts.push(state.filters.length ? '(' + state.q.trim() + ')' : state.q.trim());
  }
  for (const f of state.filters) {
    const i = f.indexOf(':');
    parts.push(f.substring(0, i) + ':"' + f.substring(i + 1).replace(/["\\]/g, '\\$&') + '"');
  }
  return parts.join(' AND ');
}

const input = h('input', { type: 'search', id: 'query', placeholder: 'protocol:holdout AND metric.ndcg_10:[0.3 TO *]',
  style: 'flex: 1; min-width: 320px' });
const form = h('form', { class: 'row', id: 'search-form', onsubmit: (e) => {
  e.preventDefault();
  state.q = input.value;
  state.offset = 0;
  writeUrl(true);
  run();
} }, input, h('button', { type: 'submit', class: 'primary', id: 'search-button' }, 'Search'),
h('button', { type: 'button', id: 'save-query', onclick: saveQuery }, 'Save query'));

const help = h('details', { class: 'help-box', id: 'syntax-help' }, h('summary', {}, 'Query syntax'),
  h('ul', {},
    h('li', {}, 'Words search the text (description, tags, plugins, protocol, message): ', h('code', {}, 'twin')),
    h('li', {}, 'Exact fields: ', ['protocol', 'plugin', 'dataset', 'status', 'user', 'tag', 'experiment', 'id',
      'fingerprint'].map((f) => h('code', {}, f + ':')).reduce((a, b) => [a, ' ', b])),
    h('li', {}, 'Numbers with ranges: ', h('code', {}, 'metric.ndcg_10:[0.3 TO *]'), ', ', h('code', {},
      'param.als.factors:{16 TO 128]'), ', ', h('code', {}, 'seed:1'), ', ', h('code', {},
      'created:["2025-01-01" TO *]')),
    h('li', {}, 'Metric and parameter names are lower-cased with other characters as _: ', h('code', {},
      'popularity/ndcg@10'), ' is ', h('code', {}, 'metric.popularity_ndcg_10')),
    h('li', {}, 'Combine with ', h('code', {}, 'AND'), ', ', h('code', {}, 'OR'), ', ', h('code', {}, 'NOT'),
      ' and parentheses: ', h('code', {}, 'plugin:(als OR bpr) AND NOT status:failed')),
    h('li', {}, 'Click a column to sort by it, a facet value to filter by it.')));

const saved = h('div', { id: 'saved' });
const facetsBox = h('div', { id: 'facets' });
const chips = h('div', { class: 'chips', id: 'filters' });
const resultsBox = h('div', { id: 'results' });
const summary = h('div', { class: 'row small muted', id: 'summary' });
const saveBox = h('div', { id: 'save-box' });

root.append(h('section', { class: 'card' }, form, saveBox, help),
  h('div', { class: 'grid-side' },
    h('aside', {}, h('section', { class: 'card facet' }, h('h2', {}, 'Facets'), facetsBox),
      h('section', { class: 'card' }, h('h2', {}, 'Saved queries'), saved)),
    h('section', { class: 'card' }, chips, summary, resultsBox)));

function loadSaved() {
  try {
    const list = JSON.parse(localStorage.getItem(SAVED_KEY) || '[]');
    return Array.isArray(list) ? list.filter((x) => x && typeof x.name === 'string') : [];
  } catch (ignored) {
    return [];
  }
}

function drawSaved() {
  const list = loadSaved();
  saved.replaceChildren(list.length ? h('ul', { class: 'plain' }, list.map((s, i) => h('li', { class: 'row' },
    h('a', { href: '#', onclick: (e) => {
      e.preventDefault();
      Object.assign(state, { q: s.q || '', filters: s.filters || [], sort: s.sort || '', offset: 0 });
      writeUrl(true);
      run();
    } }, s.name), h('span', { class: 'spacer' }), h('button', { type: 'button', class: 'small',
      'aria-label': 'delete ' + s.name, onclick: () => {
        const l = loadSaved();
        l.splice(i, 1);
        localStorage.setItem(SAVED_KEY, JSON.stringify(l));
        drawSaved();
      } }, '×')))) : h('div', { class: 'empty small' }, 'None yet: "Save query" keeps the current search here.'));
}

function saveQuery() {
  const name = h('input', { type: 'text', id: 'save-name', placeholder: 'name of this search',
    value: state.q || state.filters.join(' ') || 'all runs' });
  saveBox.replaceChildren(h('form', { class: 'row', style: 'margin-top: 8px', onsubmit: (e) => {
    e.preventDefault();
    const list = loadSaved().filter((s) => s.name !== name.value.trim());
    list.push({ name: name.value.trim() || 'search', q: state.q, filters: state.filters, sort: state.sort });
    localStorage.setItem(SAVED_KEY, JSON.stringify(list));
    saveBox.replaceChildren();
    drawSaved();
  } }, name, h('button', { type: 'submit', id: 'save-confirm' }, 'Save'),
  h('button', { type: 'button', onclick: () => saveBox.replaceChildren() }, 'Cancel')));
  name.select();
}

function drawFacets(facets) {
  facetsBox.replaceChildren(...FACETS.filter((f) => facets[f] && Object.keys(facets[f]).length).map((f) =>
    h('div', { dataset: { facet: f } }, h('h3', {}, f), h('ul', {}, Object.entries(facets[f]).slice(0, 12).map(([v, n]) => {
      const key = f + ':' + v;
      const active = state.filters.includes(key);
      return h('li', {}, h('a', { href: '#', class: active ? 'active' : '', dataset: { value: v }, id: 'facet-' + f + '-'
        + v.replace(/[^A-Za-z0-9]+/g, '-'), onclick: (e) => {
        e.preventDefault();
        state.filters = active ? state.filters.filter((x) => x !== key) : [...state.filters, key];
        state.offset = 0;
        writeUrl(true);
        run();
      } }, (active ? '✓ ' : '') + v), h('span', { class: 'muted' }, String(n)));
    })))));
  if (!facetsBox.children.length) {
    facetsBox.append(h('div', { class: 'empty small' }, 'No runs.'));
  }
}

function drawChips() {
  chips.replaceChildren(...state.filters.map((f) => h('span', { class: 'chip' }, f, h('button', { type: 'button',
    'aria-label': 'remove filter ' + f, onclick: () => {
      state.filters = state.filters.filter((x) => x !== f);
      state.offset = 0;
      writeUrl(true);
      run();
    } }, '×'))));
}

/** Metric columns: the most common metrics of the page that look like headline ones. */
function metricColumns(hits) {
  const counts = new Map();
  for (const r of hits) {
    for (const m of Object.keys(r.metrics || {})) {
      counts.set(m, (counts.get(m) || 0) + 1);
    }
  }
  const names = [...counts.keys()];
  const headline = names.filter((m) => /(ndcg@10|recall@20|kendall\/ndcg@10)$/.test(m) && !/\.(lower|upper)$/.test(m));
  const pick = (headline.length ? headline : names).sort((a, b) => counts.get(b) - counts.get(a) || a.localeCompare(b));
  return pick.slice(0, 4);
}

function sortHeader(label, field, numeric) {
  const desc = state.sort === '-' + field;
  const asc = state.sort === field;

  return h('th', { class: 'sortable' + (asc ? ' sorted-asc' : desc ? ' sorted-desc' : '') + (numeric ? ' num' : ''),
    dataset: { sort: field }, title: 'sort by ' + field, onclick: () => {
      // Numbers sort high first on the first click, text A first; the third click restores the default.
      const first = numeric ? '-' + field : field;
      const second = numeric ? field : '-' + field;
      state.sort = state.sort === first ? second : state.sort === second ? '' : first;
      state.offset = 0;
      writeUrl(true);
      run();
    } }, label);
}

function drawResults(r) {
  const metrics = metricColumns(r.hits);
  const from = r.total ? state.offset + 1 : 0;
  const to = state.offset + r.hits.length;
  summary.replaceChildren(h('span', { id: 'total' }, from + '–' + to + ' of ' + r.total + ' runs'),
    h('span', {}, ' · ' + (r.tookMicros / 1000).toFixed(1) + ' ms'), h('span', { class: 'spacer' }),
    h('button', { type: 'button', disabled: state.offset === 0, id: 'prev', onclick: () => page(-1) }, '‹ Previous'),
    h('button', { type: 'button', disabled: to >= r.total, id: 'next', onclick: () => page(1) }, 'Next ›'),
    h('button', { type: 'button', class: 'primary', id: 'compare-selected', onclick: compareSelected },
      'Compare selected'));
  if (!r.hits.length) {
    resultsBox.replaceChildren(h('div', { class: 'empty' }, 'No run matches.'));
    return;
  }
  const head = h('tr', {}, h('th', {}, ''), sortHeader('Run', 'id'), sortHeader('Experiment', 'experiment'),
    sortHeader('Protocol', 'protocol'), sortHeader('Status', 'status'), sortHeader('Seed', 'seed', true),
    sortHeader('Created', 'created', true), ...metrics.map((m) => sortHeader(m, 'metric.' + fieldName(m), true)));
  const rows = r.hits.map((run) => h('tr', { dataset: { run: run.id } },
    h('td', {}, h('input', { type: 'checkbox', class: 'pick', value: run.id, 'aria-label': 'select ' + run.id })),
    h('td', {}, runLink(run.id)), h('td', {}, experimentLink(run.experimentId,
      (run.description || '').split(':')[0] || run.experimentId)), h('td', {}, run.protocol), h('td', {},
      badge(run.status)), h('td', { class: 'num' }, String(run.seed)), h('td', { class: 'num small' },
      fmtTime(run.created)), ...metrics.map((m) => h('td', { class: 'num' }, fmt((run.metrics || {})[m])))));
  resultsBox.replaceChildren(h('div', { class: 'table-wrap' }, h('table', { id: 'results-table' }, h('thead', {}, head),
    h('tbody', {}, rows))));
}

function page(direction) {
  state.offset = Math.max(0, state.offset + direction * PAGE);
  writeUrl(true);
  run();
}

function compareSelected() {
  const ids = [...resultsBox.querySelectorAll('input.pick:checked')].map((c) => c.value);
  if (ids.length < 2) {
    resultsBox.prepend(message('info', 'Tick at least two runs to compare them.'));
    return;
  }
  location.assign('/compare?ids=' + ids.map(encodeURIComponent).join(','));
}

let generation = 0;

async function run() {
  const mine = ++generation;
  input.value = state.q;
  drawChips();
  const p = new URLSearchParams({ q: fullQuery(), offset: String(state.offset), limit: String(PAGE) });
  FACETS.forEach((f) => p.append('facet', f));
  if (state.sort) {
    p.set('sort', state.sort);
  }
  try {
    const r = await api('runs?' + p);
    if (mine !== generation) {
      return;
    }
    drawFacets(r.facets || {});
    drawResults(r);
  } catch (e) {
    if (mine === generation) {
      showErrorIn(resultsBox, e);
      summary.replaceChildren();
    }
  }
}

window.addEventListener('popstate', () => {
  readUrl();
  run();
});
readUrl();
drawSaved();
run();
