// Compare runs side by side: what differs (spec, versions, results), bar plots of final metrics,
// line plots of metric histories, and for ranking-fidelity runs the scatter of algorithm scores on
// real against synthetic data (from each run's ranking-fidelity.csv artifact).
import {
  api, boot, fill, fmt, h, message, metricGroup, param, runLink, showErrorIn,
} from './common.js';
import { barChart, fidelityScatter, lineChart } from './charts.js';

await boot('compare');
const root = document.getElementById('compare');
const ids = (param('ids') || '').split(',').map((s) => s.trim()).filter((s) => s);

function picker() {
  const input = h('input', { type: 'text', id: 'compare-ids', value: ids.join(', '), placeholder: 'run ids, comma-separated',
    style: 'flex: 1; min-width: 360px' });
  return h('form', { class: 'row', onsubmit: (e) => {
    e.preventDefault();
    const list = input.value.split(/[\s,]+/).filter((s) => s);
    location.assign('/compare?ids=' + list.map(encodeURIComponent).join(','));
  } }, input, h('button', { type: 'submit', class: 'primary' }, 'Compare'),
  h('a', { class: 'button', href: '/search' }, 'Pick runs in search'));
}

const short = (id) => id.length > 12 ? '…' + id.substring(id.length - 11) : id;

/** Parses the protocol's CSV (generator,recommender,metric,real,synthetic); quoted fields allowed. */
function parseCsv(text) {
  const rows = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) {
      continue;
    }
    const cells = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') {
          cur += '"';
          i++;
        } else if (c === '"') {
          quoted = false;
        } else {
          cur += c;
        }
      } else if (c === '"') {
        quoted = true;
      } else if (c === ',') {
        cells.push(cur);
        cur = '';
      } else {
        cur += c;
      }
    }
    cells.push(cur);
    rows.push(cells);
  }
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((k, i) => [k, r[i]])));
}

/**
 * One point per recommender: with several replicates (the protocol's seeds inside one trial, a
 * `replicate` column) the mean of its real and of its synthetic scores, as the protocol ranks them.
 */
function meanOverReplicates(rows) {
  const byRec = new Map();
  for (const x of rows) {
    const p = byRec.get(x.recommender) || { real: 0, synthetic: 0, n: 0 };
    p.real += Number(x.real);
    p.synthetic += Number(x.synthetic);
    p.n += 1;
    byRec.set(x.recommender, p);
  }
  return [...byRec.entries()].map(([label, p]) => ({ real: p.real / p.n, synthetic: p.synthetic / p.n,
    label: p.n > 1 ? label + ' (mean of ' + p.n + ')' : label }));
}

function diffTable(comparison) {
  const onlyDiff = h('input', { type: 'checkbox', id: 'only-differences', checked: true });
  const box = h('div', {});
  const draw = () => {
    const rows = comparison.rows.filter((r) => !onlyDiff.checked || r.differs);
    box.replaceChildren(rows.length ? h('div', { class: 'table-wrap', style: 'max-height: 420px; overflow: auto' },
      h('table', { id: 'diff-table' }, h('thead', {}, h('tr', {}, h('th', {}, 'Field'),
        comparison.ids.map((id) => h('th', {}, runLink(id))))),
      h('tbody', {}, rows.map((r) => h('tr', { class: r.differs ? 'differs' : '' }, h('td', { class: 'mono small' },
        r.field), r.values.map((v) => h('td', { class: typeof v === 'number' ? 'num' : 'small' }, fmt(v))))))))
      : h('div', { class: 'empty' }, 'The runs do not differ.'));
  };
  onlyDiff.addEventListener('change', draw);
  draw();
  return h('div', {}, h('label', { class: 'small' }, onlyDiff, ' only what differs'), box);
}

function metricsSection(runs) {
  const common = Object.keys(runs[0].run.metrics || {}).filter((m) => runs.every((r) => m in (r.run.metrics || {}))
    && Number.isFinite(runs[0].run.metrics[m]));
  if (!common.length) {
    return h('div', { class: 'empty' }, 'The runs have no final metric in common.');
  }
  // Group by the part after the last '/', so one plot shows ndcg@10 of every recommender.
  const groups = new Map();
  for (const m of common) {
    const g = metricGroup(m).group;
    groups.set(g, [...(groups.get(g) || []), m]);
  }
  const preferred = groups.has('ndcg@10') ? 'ndcg@10' : [...groups.keys()].sort((a, b) =>
    groups.get(b).length - groups.get(a).length)[0];
  const pick = h('select', { id: 'compare-metric' }, [...groups.keys()].map((g) => h('option', { value: g,
    selected: g === preferred }, g)));
  const chart = h('div', { class: 'chart', id: 'compare-bars' });
  const draw = () => {
    const names = groups.get(pick.value);
    const cats = names.map((m) => metricGroup(m).category);
    barChart(chart, cats, runs.map((r) => ({ name: short(r.run.id), values: names.map((m) => r.run.metrics[m]) })),
      { yName: pick.value });
  };
  pick.addEventListener('change', draw);
  setTimeout(draw, 0);
  return h('div', {}, h('div', { class: 'row' }, h('label', { for: 'compare-metric' }, 'Metric'), pick), chart);
}

function historySection(runs) {
  const names = [...new Set(runs.flatMap((r) => Object.keys(r.curves || {})))].sort();
  if (!names.length) {
    return h('div', { class: 'empty' }, 'None of these runs logged a metric history.');
  }
  const pick = h('select', { id: 'compare-curve' }, names.map((n) => h('option', { value: n }, n)));
  const chart = h('div', { class: 'chart', id: 'compare-lines' });
  const draw = () => lineChart(chart, runs.filter((r) => r.curves && r.curves[pick.value]).map((r) => ({
    name: short(r.run.id), points: r.curves[pick.value].map((p) => [p[0], p[1]]),
  })), { yName: pick.value });
  pick.addEventListener('change', draw);
  setTimeout(draw, 0);
  return h('div', {}, h('div', { class: 'row' }, h('label', { for: 'compare-curve' }, 'Curve'), pick), chart);
}

async function fidelitySection(runs) {
  const rf = runs.filter((r) => r.run.protocol === 'ranking-fidelity');
  if (!rf.length) {
    return null;
  }
  const tables = await Promise.all(rf.map(async (r) => {
    try {
      const text = await api('runs/' + encodeURIComponent(r.run.id) + '/artifacts/ranking-fidelity.csv');
      return { run: r.run, rows: parseCsv(text) };
    } catch (e) {
      return { run: r.run, rows: [], error: e.message };
    }
  }));
  const metrics = [...new Set(tables.flatMap((t) => t.rows.map((x) => x.metric)))];
  const errors = tables.filter((t) => t.error).map((t) => t.run.id + ': ' + t.error);
  if (!metrics.length) {
    return message('info', 'These ranking-fidelity runs have no ranking-fidelity.csv yet.', errors);
  }
  const pick = h('select', { id: 'fidelity-metric' }, metrics.map((m) => h('option', { value: m }, m)));
  const chart = h('div', { class: 'chart', id: 'fidelity-scatter', style: 'height: 420px' });
  const corr = h('div', { class: 'small muted', id: 'fidelity-correlations' });
  const draw = () => {
    const m = pick.value;
    const series = [];
    for (const t of tables) {
      const generators = [...new Set(t.rows.map((x) => x.generator))];
      for (const g of generators) {
        series.push({ name: short(t.run.id) + (generators.length > 1 ? ' · ' + g : ''),
          points: meanOverReplicates(t.rows.filter((x) => x.generator === g && x.metric === m)) });
      }
    }
    fidelityScatter(chart, series, m);
    corr.replaceChildren(...tables.map((t) => {
      const gens = [...new Set(t.rows.map((x) => x.generator))];
      return h('div', {}, runLink(t.run.id), ': ', gens.map((g) => g + ' Kendall τ-b ' + fmt(t.run.metrics[g
        + '/kendall/' + m]) + ', Spearman ' + fmt(t.run.metrics[g + '/spearman/' + m])).join('; '));
    }));
  };
  pick.addEventListener('change', draw);
  setTimeout(draw, 0);
  return h('div', {}, h('p', { class: 'small muted' }, 'Each point is a recommender: its score on the real data'
    + ' against its score on the synthetic data. On the dashed line they agree; what matters for ranking fidelity'
    + ' is whether the order is kept.'), h('div', { class: 'row' }, h('label', { for: 'fidelity-metric' }, 'Metric'),
    pick), chart, corr, errors.length ? message('error', 'Some runs have no scores:', errors) : null);
}

root.append(h('div', { class: 'page-head' }, h('div', {}, h('h1', {}, 'Compare runs'),
  h('div', { class: 'sub' }, 'Side by side: what differs, and the results as plots.'))), h('section', { class: 'card' },
  picker()));

if (ids.length < 2) {
  root.append(message('info', 'Give at least two run ids, or tick runs on the Search or an experiment page and press'
    + ' "Compare selected".'));
} else {
  const body = h('div', { id: 'compare-body' }, h('div', { class: 'empty' }, 'Loading…'));
  root.append(body);
  try {
    const [comparison, ...runs] = await Promise.all([api('runs/compare?ids=' + ids.map(encodeURIComponent).join(',')),
      ...ids.map((id) => api('runs/' + encodeURIComponent(id)))]);
    const fidelity = await fidelitySection(runs);
    fill(body,
      comparison.fingerprintsDiffer ? message('error', 'The protocol fingerprints differ: these runs were measured'
        + ' under different protocols (data, split, candidates, cut-offs or metrics), so their metrics are not'
        + ' directly comparable.') : null,
      fidelity ? h('section', { class: 'card' }, h('h2', {}, 'Ranking fidelity: real against synthetic'), fidelity)
        : null,
      h('section', { class: 'card' }, h('h2', {}, 'Final metrics'), metricsSection(runs)),
      h('section', { class: 'card' }, h('h2', {}, 'Metric history'), historySection(runs)),
      h('section', { class: 'card' }, h('h2', {}, 'Differences'), diffTable(comparison)));
  } catch (e) {
    showErrorIn(body, e);
  }
}
