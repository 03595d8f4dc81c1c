// The plugin catalogs (update sites): every bundle version they offer next to what is installed,
// with its status, descriptions and paper references; the updates; the catalog locations and the
// catalogs that could not be read. For admins: add, remove and index locations, and install or
// update bundles, showing the dry-run plan (dependencies first) before running it as one change.
import {
  api, boot, can, fmtTime, h, message, showError, showErrorIn, table,
} from './common.js';

await boot('catalog');
const admin = can('admin');
const availableBox = document.getElementById('available');
const locationsBox = document.getElementById('locations');
const formBox = document.getElementById('location-form-box');
const problemsBox = document.getElementById('problems');
const planCard = document.getElementById('plan-card');
const updatesBox = document.getElementById('updates-summary');
const apiBox = document.getElementById('server-api');
const filter = document.getElementById('catalog-filter');

let listing = { bundles: [], updates: [], problems: [], pluginsApi: '' };
let locations = [];
/** The version picked in each bundle's row, by symbolic name. */
const picked = new Map();
let busy = false;

const STATUS = {
  installed: 'installed',
  update: 'update available',
  available: 'available',
  older: 'older than installed',
  incompatible: 'incompatible',
};

function statusBadge(status) {
  return h('span', { class: 'badge st-' + status, dataset: { status } }, STATUS[status] || status);
}

function paperLink(paper) {
  if (!paper || !paper.citation) {
    return null;
  }
  return /^https?:\/\//i.test(paper.url || '') ? h('a', { href: paper.url, rel: 'noopener', target: '_blank' },
    paper.citation) : paper.citation;
}

/** The versions of each bundle, newest first (the listing is sorted so). */
function groups(bundles) {
  const out = new Map();
  for (const b of bundles) {
    if (!out.has(b.symbolicName)) {
      out.set(b.symbolicName, []);
    }
    out.get(b.symbolicName).push(b);
  }
  return out;
}

/** The version a row shows first: the one picked, else the newest that fits this server. */
function shown(versions) {
  const p = picked.get(versions[0].symbolicName);
  return versions.find((v) => v.version === p) || versions.find((v) => v.status !== 'incompatible')
    || versions[0];
}

function bundleCell(b) {
  const plugins = b.plugins || [];
  return h('div', { class: 'catalog-bundle' },
    h('div', { class: 'row' }, h('span', { class: 'title' }, b.name || b.symbolicName),
      b.name && b.name !== b.symbolicName ? h('code', { class: 'small' }, b.symbolicName) : null),
    b.description ? h('div', {}, b.description) : null,
    plugins.length ? h('ul', { class: 'plain small' }, plugins.map((p) => h('li', {},
      h('code', {}, p.id), ' ', h('span', { class: 'muted' }, p.kind), p.title && p.title !== p.id ? ': ' + p.title : '',
      p.paper && (!b.paper || p.paper.citation !== b.paper.citation) ? h('span', { class: 'muted' }, ' — ',
        paperLink(p.paper)) : null))) : null,
    b.paper ? h('div', { class: 'small' }, 'Paper: ', paperLink(b.paper)) : null,
    (b.dependencies || []).length ? h('div', { class: 'small muted' }, 'Needs: ', b.dependencies.map((d) => d.symbolicName
      + ' ' + d.version).join(', ')) : null);
}

function actionCell(b) {
  if (b.status === 'incompatible') {
    return h('span', { class: 'small muted' }, 'needs plugins-api ' + (b.pluginsApi || '?') + '; this server has '
      + listing.pluginsApi);
  }
  if (!admin) {
    return '';
  }
  const bundles = [{ symbolicName: b.symbolicName, version: b.version }];
  if (b.status === 'available') {
    return h('button', { type: 'button', class: 'small primary catalog-install', dataset: { bundle: b.symbolicName },
      onclick: () => plan('install', bundles, b.symbolicName + ' ' + b.version) }, 'Install…');
  }
  if (b.status === 'update') {
    return h('button', { type: 'button', class: 'small primary catalog-update', dataset: { bundle: b.symbolicName },
      onclick: () => plan('update', bundles, b.symbolicName + ' ' + b.version) }, 'Update…');
  }
  return '';
}

function drawAvailable() {
  const f = filter.value.trim().toLowerCase();
  const all = groups(listing.bundles);
  const rows = [];
  for (const versions of all.values()) {
    const b = shown(versions);
    const text = [b.symbolicName, b.name, b.description, ...(b.kinds || []),
      ...(b.plugins || []).flatMap((p) => [p.id, p.title])].join(' ').toLowerCase();
    if (f && !text.includes(f)) {
      continue;
    }
    const offered = versions.length > 1 ? h('select', { class: 'small', 'aria-label': 'version of ' + b.symbolicName,
      onchange: (e) => {
        picked.set(b.symbolicName, e.target.value);
        drawAvailable();
      } }, versions.map((v) => h('option', { value: v.version, selected: v.version === b.version },
      v.version + (v.status === 'incompatible' ? ' (incompatible)' : '')))) : h('span', {}, b.version);
    rows.push({ bsn: b.symbolicName, cells: [bundleCell(b),
      h('div', { class: 'chips' }, (b.kinds || []).map((k) => h('span', { class: 'chip kind' }, k))),
      h('span', { class: 'installed-version' }, b.installedVersion || '—'),
      h('div', {}, offered, h('div', { class: 'small muted' }, 'from ' + b.catalog)),
      statusBadge(b.status), actionCell(b)] });
  }
  if (!rows.length) {
    availableBox.replaceChildren(h('div', { class: 'empty' }, f ? 'No bundle matches.' : locations.length
      ? 'The catalogs offer no bundle yet' + (admin ? ' (a folder catalog lists its jars once it is indexed).' : '.')
      : 'No catalog location yet.' + (admin ? ' Add one below.' : ' An admin adds them.')));
    return;
  }
  const t = table(['Bundle', 'Kinds', 'Installed', 'Offered', 'Status', ''], rows.map((r) => r.cells),
    { id: 'available-table' });
  t.querySelectorAll('tbody tr').forEach((tr, i) => {
    tr.dataset.bundle = rows[i].bsn;
  });
  availableBox.replaceChildren(t);
}

function drawUpdates() {
  const n = listing.updates.length;
  if (!n) {
    updatesBox.replaceChildren(listing.bundles.length ? h('span', { class: 'small muted', id: 'updates-none' },
      'Every installed bundle is up to date.') : '');
    return;
  }
  const names = listing.updates.map((u) => u.symbolicName + ' ' + u.installedVersion + ' → ' + u.version).join(', ');
  updatesBox.replaceChildren(h('span', { class: 'badge st-update', id: 'updates-count', title: names },
    n + (n === 1 ? ' update' : ' updates')), admin ? h('button', { type: 'button', class: 'small', id: 'update-all',
    title: names, onclick: () => plan('update', [], n === 1 ? 'the update' : 'all ' + n + ' updates') },
  'Update all…') : null);
}

function drawProblems() {
  if (!listing.problems.length) {
    problemsBox.replaceChildren();
    return;
  }
  problemsBox.replaceChildren(h('div', { class: 'msg warn', role: 'status', id: 'catalog-problems' },
    h('b', {}, listing.problems.length === 1 ? 'A catalog could not be read' : listing.problems.length
      + ' catalogs could not be read'), '; what it offers is not listed'
    + (admin ? ' (a folder catalog can be read once it is indexed):' : ':'),
    h('ul', {}, listing.problems.map((p) => h('li', {}, p)))));
}

/** Whether a listing problem is about a catalog: its messages start with "catalog 'NAME'". */
function problemOf(name) {
  return listing.problems.find((p) => p.startsWith("catalog '" + name + "'"));
}

function drawLocations() {
  const remote = (l) => /^https?:\/\//i.test(l.location);
  locationsBox.replaceChildren(table(['Name', 'Location', 'Offers', 'Added', ''], locations.map((l) => {
    const problem = problemOf(l.name);
    const count = new Set(listing.bundles.filter((b) => b.catalog === l.name).map((b) => b.symbolicName + '@'
      + b.version)).size;
    const actions = h('div', { class: 'row' });
    if (admin) {
      if (!remote(l)) {
        actions.append(h('button', { type: 'button', class: 'small catalog-index', dataset: { catalog: l.name },
          title: 'Write index.json from the bundle jars in this folder', onclick: () => index(l.name) }, 'Index'));
      }
      actions.append(h('button', { type: 'button', class: 'small danger catalog-remove', dataset: { catalog: l.name },
        onclick: () => removeLocation(l.name) }, 'Remove'));
    }
    return [h('b', {}, l.name), h('div', {}, h('span', { class: 'mono' }, l.location), h('div', { class: 'small muted' },
      remote(l) ? 'web catalog' : 'folder on the server')),
    problem ? h('span', { class: 'badge st-incompatible', title: problem }, 'unreadable')
      : count + (count === 1 ? ' version' : ' versions'),
    h('span', { class: 'small' }, fmtTime(l.added) + (l.addedBy ? ' by ' + l.addedBy : '')), actions];
  }), { id: 'locations-table', empty: 'No catalog location yet.' }));
}

function drawForm() {
  if (!admin) {
    formBox.replaceChildren(h('p', { class: 'small muted' }, 'Only admins can add catalogs and install or update'
      + ' bundles from them.'));
    return;
  }
  const name = h('input', { type: 'text', id: 'location-name', placeholder: 'name, such as lab', size: 14,
    required: true });
  const where = h('input', { type: 'text', id: 'location-path', placeholder: '/srv/lab-plugins or https://…/index.json',
    size: 56, required: true });
  const button = h('button', { type: 'submit', class: 'primary', id: 'location-add' }, 'Add catalog');
  const result = h('div', { id: 'location-result' });
  formBox.replaceChildren(h('h3', {}, 'Add a catalog'), h('form', { id: 'location-form', onsubmit: async (e) => {
    e.preventDefault();
    button.disabled = true;
    try {
      const l = await api('catalog/locations', { method: 'POST', body: { name: name.value.trim(),
        location: where.value.trim() } });
      result.replaceChildren(message('ok', "Added catalog '" + l.name + "'" + (/^https?:\/\//i.test(l.location) ? '.'
        : '. If the folder has no index.json yet, press Index to write it from the jars in it.')));
      name.value = '';
      where.value = '';
      await reload();
    } catch (err) {
      showErrorIn(result, err);
    } finally {
      button.disabled = false;
    }
  } }, h('div', { class: 'row' }, name, where, button)), h('p', { class: 'small muted' },
    'A folder on the server (an absolute path) holding bundle jars and their index.json, or an http(s) URL serving'
    + ' index.json. The server reads the index once before adding it; every jar is checked against the sha256 the'
    + ' index gives.'), result);
}

async function index(name) {
  const result = document.getElementById('location-result') || locationsBox;
  result.replaceChildren(message('info', "Indexing catalog '" + name + "'…"));
  try {
    const r = await api('catalog/locations/' + encodeURIComponent(name) + '/index', { method: 'POST' });
    const n = r.index.bundles.length;
    result.replaceChildren(message('ok', "Indexed catalog '" + name + "': " + n + ' bundle' + (n === 1 ? '' : 's')
      + ' in ' + String(r.indexFile).replace(/^file:\/\//, '') + '.', r.notes));
    await reload();
  } catch (e) {
    showErrorIn(result, e);
  }
}

async function removeLocation(name) {
  if (!confirm("Remove catalog '" + name + "'? The bundles installed from it stay installed.")) {
    return;
  }
  try {
    await api('catalog/locations/' + encodeURIComponent(name), { method: 'DELETE' });
    const result = document.getElementById('location-result');
    if (result) {
      result.replaceChildren(message('ok', "Removed catalog '" + name + "'."));
    }
    await reload();
  } catch (e) {
    showError(e);
  }
}

// ---- install and update: the plan first, then the change ----

function setBusy(on) {
  busy = on;
  document.querySelectorAll('.catalog-install, .catalog-update, #update-all').forEach((b) => {
    b.disabled = on;
  });
}

function showPlan(...children) {
  planCard.hidden = false;
  planCard.replaceChildren(...children.filter((c) => c));
  planCard.scrollIntoView({ block: 'nearest' });
}

function closeButton(text) {
  return h('button', { type: 'button', id: 'plan-close', onclick: () => {
    planCard.hidden = true;
    planCard.replaceChildren();
  } }, text || 'Close');
}

function stepLine(s) {
  const update = s.action === 'UPDATE';
  return h('li', { dataset: { bundle: s.symbolicName } }, h('span', { class: 'badge ' + (update ? 'st-update'
    : 'st-available') }, update ? 'update' : 'install'), ' ', h('b', {}, s.symbolicName), ' ',
  update && s.fromVersion ? s.fromVersion + ' → ' + s.version : s.version,
  h('span', { class: 'small muted' }, " from catalog '" + s.catalog + "'"
    + (s.reason && s.reason !== 'requested' ? ', ' + s.reason : '')));
}

/** Asks for the plan of an install or update (a dry run) and shows it with a button to run it. */
async function plan(kind, bundles, label) {
  if (busy) {
    return;
  }
  setBusy(true);
  showPlan(h('h2', {}, (kind === 'install' ? 'Install ' : 'Update ') + label),
    message('info', 'Working out the plan (resolving dependencies)…'));
  try {
    const r = await api('catalog/' + kind, { method: 'POST', body: { bundles, dryRun: true } });
    if (!r.steps.length) {
      showPlan(h('h2', {}, (kind === 'install' ? 'Install ' : 'Update ') + label),
        message('info', 'Nothing to do: every bundle asked for is installed at a version that fits.'),
        closeButton());
      return;
    }
    const installs = r.steps.filter((s) => s.action !== 'UPDATE').length;
    const updates = r.steps.length - installs;
    const what = [installs ? installs + ' install' + (installs === 1 ? '' : 's') : '',
      updates ? updates + ' update' + (updates === 1 ? '' : 's') : ''].filter((x) => x).join(' and ');
    const run = h('button', { type: 'button', class: 'primary', id: 'plan-run', onclick: () => apply(kind, bundles,
      label, r.steps, run) }, 'Run the plan (' + what + ')');
    showPlan(h('h2', {}, 'Plan: ' + (kind === 'install' ? 'install ' : 'update ') + label),
      h('p', { class: 'small muted' }, r.steps.length > 1 ? 'In this order, dependencies first. ' : '',
        'Every jar is fetched and its sha256 checked before anything changes; if a step fails, the steps done'
        + ' before it are undone.'),
      h('ol', { class: 'plan-steps', id: 'plan-steps' }, r.steps.map((s) => stepLine(s))),
      h('div', { class: 'row' }, run, closeButton('Cancel')));
  } catch (e) {
    showPlan(h('h2', {}, 'Cannot ' + kind + ' ' + label), message('error', e.message, e.problems), closeButton());
  } finally {
    setBusy(false);
  }
}

/** Splits a failed change's message into what failed and what was undone. */
function failure(text) {
  const at = text.indexOf('; rolled back: ');
  if (at < 0) {
    return { what: text, undone: [] };
  }
  const rest = text.substring(at + '; rolled back: '.length);
  const incomplete = rest.indexOf('; ROLLBACK INCOMPLETE');
  const undone = (incomplete < 0 ? rest : rest.substring(0, incomplete)).split(', ').filter((x) => x);
  return { what: text.substring(0, at), undone, incomplete: incomplete < 0 ? null : rest.substring(incomplete + 2) };
}

async function apply(kind, bundles, label, steps, button) {
  if (busy) {
    return;
  }
  setBusy(true);
  button.disabled = true;
  const title = h('h2', {}, (kind === 'install' ? 'Installing ' : 'Updating ') + label);
  const list = h('ol', { class: 'plan-steps', id: 'plan-steps' }, steps.map((s) => stepLine(s)));
  showPlan(title, list, message('info', 'Fetching, checking and installing…'));
  try {
    const r = await api('catalog/' + kind, { method: 'POST', body: { bundles, dryRun: false } });
    const done = r.bundles.map((b, i) => {
      const s = r.steps[i];
      const verb = s && s.action === 'UPDATE' ? 'Updated' : 'Installed';
      return verb + ' ' + b.symbolicName + ' ' + b.version + (s && s.fromVersion ? ' (was ' + s.fromVersion + ')'
        : '') + ((b.plugins || []).length ? ': plugins ' + b.plugins.join(', ') : '') + ' — ' + b.state.toLowerCase();
    });
    title.textContent = (kind === 'install' ? 'Installed ' : 'Updated ') + label;
    showPlan(title, h('div', { class: 'msg ok', role: 'status', id: 'plan-result' }, h('b', {}, 'Done.'),
      h('ul', {}, done.map((d) => h('li', {}, d)))),
    h('div', { class: 'row' }, h('a', { class: 'button', href: '/plugins' }, 'See the plugins'), closeButton()));
  } catch (e) {
    const f = failure(e.message);
    title.textContent = (kind === 'install' ? 'Installing ' : 'Updating ') + label + ' failed';
    showPlan(title, h('div', { class: 'msg error', role: 'alert', id: 'plan-result' }, f.what,
      f.undone.length ? h('div', { class: 'rollback' }, h('b', {}, 'Rolled back: '), h('ul', {}, f.undone.map((u) =>
        h('li', {}, u)))) : null,
      f.incomplete ? h('div', { class: 'rollback' }, h('b', {}, f.incomplete)) : null,
      f.undone.length && !f.incomplete ? h('div', {}, 'The installed bundles are as they were before.') : null),
    closeButton());
  } finally {
    setBusy(false);
  }
  try {
    await reload();
  } catch (e) {
    showError(e);
  }
}

async function reload() {
  const [l, a] = await Promise.all([api('catalog/locations'), api('catalog/available')]);
  locations = l;
  listing = a;
  apiBox.textContent = "This server's plugins-api: " + a.pluginsApi;
  drawProblems();
  drawUpdates();
  drawAvailable();
  drawLocations();
  setBusy(busy);
}

filter.addEventListener('input', drawAvailable);
drawForm();
try {
  await reload();
} catch (e) {
  showErrorIn(availableBox, e);
}
