// Plugins by kind with versions, descriptions, paper references and parameters; the installed
// bundles; for admins, install (upload), update, roll back and remove.
import {
  api, boot, can, fmtTime, h, message, showError, showErrorIn, table,
} from './common.js';

await boot('plugins');
const admin = can('admin');
const installCard = document.getElementById('install-card');
const bundlesBox = document.getElementById('bundles');
const pluginsBox = document.getElementById('plugins');
const filter = document.getElementById('plugin-filter');
let plugins = [];

const KIND_ORDER = ['protocol', 'dataset-source', 'generator', 'privacy', 'splitter', 'recommender', 'evaluator',
  'simulator'];

function drawInstall() {
  if (!admin) {
    installCard.replaceChildren(h('h2', {}, 'Install a plugin'), h('p', { class: 'muted' },
      'Only admins can install, update or remove plugin bundles. The ', h('a', { href: '/catalog' }, 'plugin catalog'),
      ' shows what else is available and which updates exist.'));
    return;
  }
  const file = h('input', { type: 'file', id: 'bundle-file', accept: '.jar,application/java-archive', required: true });
  const sha = h('input', { type: 'text', id: 'bundle-sha256', placeholder: 'expected SHA-256 (optional, 64 hex digits)',
    size: 70 });
  const result = h('div', { id: 'install-result' });
  const button = h('button', { type: 'submit', class: 'primary', id: 'install-button' }, 'Install');
  installCard.replaceChildren(h('h2', {}, 'Install a plugin bundle'), h('form', { id: 'install-form', onsubmit: async (e) => {
    e.preventDefault();
    if (!file.files.length) {
      result.replaceChildren(message('error', 'Choose a bundle jar first.'));
      return;
    }
    const body = new FormData();
    body.append('file', file.files[0]);
    if (sha.value.trim()) {
      body.append('sha256', sha.value.trim());
    }
    button.disabled = true;
    result.replaceChildren(message('info', 'Installing ' + file.files[0].name + '…'));
    try {
      const b = await api('bundles', { method: 'POST', body });
      result.replaceChildren(message('ok', 'Installed ' + b.symbolicName + ' ' + b.version + ': plugins '
        + b.plugins.join(', ') + '.'));
      file.value = '';
      sha.value = '';
      await reload();
    } catch (err) {
      showErrorIn(result, err);
    } finally {
      button.disabled = false;
    }
  } }, h('div', { class: 'row' }, file, sha, button)), h('p', { class: 'small muted' },
    'The server checks the jar (an OSGi bundle built against a matching plugins-api) and the checksum, and leaves'
    + ' the installed set unchanged if either fails. Or install and update from a ',
  h('a', { href: '/catalog', id: 'catalog-link' }, 'plugin catalog'), ', dependencies included.'), result);
}

async function update(bsn, input) {
  if (!input.files.length) {
    return;
  }
  const body = new FormData();
  body.append('file', input.files[0]);
  try {
    const b = await api('bundles/' + encodeURIComponent(bsn), { method: 'PUT', body });
    bundlesBox.prepend(message('ok', 'Updated ' + bsn + ' to ' + b.version + '.'));
    await reload();
  } catch (e) {
    showError(e);
  }
}

async function act(bsn, action) {
  try {
    if (action === 'remove') {
      if (!confirm('Remove ' + bsn + '? Trials that use its plugins are cancelled.')) {
        return;
      }
      await api('bundles/' + encodeURIComponent(bsn), { method: 'DELETE' });
      bundlesBox.prepend(message('ok', 'Removed ' + bsn + '.'));
    } else {
      const b = await api('bundles/' + encodeURIComponent(bsn) + '/rollback', { method: 'POST' });
      bundlesBox.prepend(message('ok', 'Rolled ' + bsn + ' back to ' + b.version + '.'));
    }
    await reload();
  } catch (e) {
    showError(e);
  }
}

async function history(bsn, target) {
  try {
    const list = await api('bundles/' + encodeURIComponent(bsn) + '/history');
    target.replaceChildren(table(['Version', 'Installed', 'Current', 'sha256'], list.map((v) => [v.version,
      fmtTime(v.installed || v.at), v.current ? 'yes' : '', h('span', { class: 'mono small' },
        (v.sha256 || '').substring(0, 16))]), { empty: 'No history.' }));
  } catch (e) {
    showErrorIn(target, e);
  }
}

function drawBundles(bundles) {
  bundlesBox.replaceChildren(table(['Bundle', 'Version', 'State', 'Source', 'Plugins', ''], bundles.map((b) => {
    const actions = h('div', { class: 'row' });
    const more = h('div', {});
    actions.append(h('button', { type: 'button', class: 'small', onclick: () => history(b.symbolicName, more) },
      'History'));
    if (admin) {
      const file = h('input', { type: 'file', accept: '.jar', class: 'hidden', onchange: (e) => update(b.symbolicName,
        e.target) });
      actions.append(file, h('button', { type: 'button', class: 'small', onclick: () => file.click() }, 'Update…'),
        h('button', { type: 'button', class: 'small', onclick: () => act(b.symbolicName, 'rollback') }, 'Roll back'),
        h('button', { type: 'button', class: 'small danger', dataset: { bundle: b.symbolicName },
          onclick: () => act(b.symbolicName, 'remove') }, 'Remove'));
    }
    return [h('div', {}, h('b', {}, b.symbolicName), h('div', { class: 'mono small muted', title: b.sha256 },
      (b.sha256 || '').substring(0, 16) + '…')), h('div', { class: 'bundle-version', dataset: { bundle: b.symbolicName } },
      b.version), b.state.toLowerCase(), b.source,
    h('span', { class: 'small' }, b.plugins.join(', ')), h('div', {}, actions, more)];
  }), { id: 'bundles-table', empty: 'No plugin bundle is installed.' }));
}

function paramTable(params) {
  return table(['Parameter', 'Type', 'Default', 'Accepted', 'Meaning'], params.map((p) => [
    h('code', {}, p.name + (p.required ? ' *' : '')), p.type, p.default === null || p.default === undefined ? ''
      : JSON.stringify(p.default), p.accepted, h('span', { class: 'small' }, p.help)]), { empty: 'No parameters.' });
}

function drawPlugins() {
  const f = filter.value.trim().toLowerCase();
  const shown = plugins.filter((p) => !f || [p.id, p.title, p.description, p.bundle].join(' ').toLowerCase()
    .includes(f));
  const kinds = [...new Set(shown.map((p) => p.kind))].sort((a, b) => (KIND_ORDER.indexOf(a) + 99) % 99
    - (KIND_ORDER.indexOf(b) + 99) % 99 || a.localeCompare(b));
  const index = h('div', { class: 'chips', id: 'kinds' }, kinds.map((kind) => h('a', { class: 'chip', href: '#kind-' + kind },
    kind + 's ' + shown.filter((p) => p.kind === kind).length + ' ')));
  pluginsBox.replaceChildren(index, ...kinds.map((kind) => h('div', { dataset: { kind }, id: 'kind-' + kind },
    h('h3', {}, kind + 's (' + shown.filter((p) => p.kind === kind).length + ')'),
    shown.filter((p) => p.kind === kind).map((p) => h('div', { class: 'plugin-card', id: 'plugin-' + p.id },
      h('div', { class: 'row' }, h('span', { class: 'title' }, p.title), h('code', {}, p.id),
        h('span', { class: 'badge' }, 'v' + p.version), h('span', { class: 'small muted' }, p.bundle)),
      h('div', {}, p.description),
      p.paper ? h('div', { class: 'small' }, 'Paper: ', /^https?:\/\//i.test(p.paper.url || '') ? h('a', { href: p.paper.url, rel: 'noopener',
        target: '_blank' }, p.paper.citation) : p.paper.citation) : null,
      p.slots.length ? h('div', { class: 'small muted' }, 'Slots: ', p.slots.map((s) => s.name + ' (' + s.kind + ', '
        + s.min + (s.max === null ? '+' : s.max === s.min ? '' : '–' + s.max) + ')').join(', ')) : null,
      h('details', {}, h('summary', {}, p.params.length + ' parameter' + (p.params.length === 1 ? '' : 's')),
        paramTable(p.params)))))));
  if (!kinds.length) {
    pluginsBox.append(h('div', { class: 'empty' }, f ? 'No plugin matches.' : 'No plugin is installed.'));
  }
}

/** Marks the bundles for which a plugin catalog offers an update (without waiting for slow catalogs). */
async function markUpdates() {
  let updates;
  try {
    updates = await api('catalog/updates');
  } catch (ignored) {
    return; // no catalog on this server, or none readable: nothing to mark
  }
  for (const u of updates) {
    const cell = [...bundlesBox.querySelectorAll('.bundle-version')].find((e) => e.dataset.bundle === u.symbolicName);
    if (cell) {
      cell.append(h('div', {}, h('a', { href: '/catalog', class: 'badge st-update', title: "catalog '" + u.catalog
        + "' offers " + u.version }, u.version + ' available')));
    }
  }
}

async function reload() {
  const [p, b] = await Promise.all([api('plugins'), api('bundles')]);
  plugins = p;
  drawBundles(b);
  drawPlugins();
  markUpdates();
}

filter.addEventListener('input', drawPlugins);
drawInstall();
try {
  await reload();
} catch (e) {
  showErrorIn(pluginsBox, e);
}
