// The experiment editor: a form generated from the chosen protocol's slots and each plugin's
// parameter schema (GET /api/v1/plugins), a YAML and a JSON view of the spec, validation that puts
// every problem next to its field and tells how many trials the grid expands to, and submission.
import {
  ApiError, api, boot, can, debounce, h, message, param, showErrorIn,
} from './common.js';
import { toYaml } from './yaml.js';

await boot('editor');
const root = document.getElementById('editor');
const plugins = await api('plugins');
const byId = new Map(plugins.map((p) => [p.id, p]));
const protocols = plugins.filter((p) => p.kind === 'protocol');
const ofKind = (kind) => plugins.filter((p) => p.kind === kind);
const SCALAR = new Set(['int', 'long', 'double', 'string', 'choice']);

/** The form's state; parameter values are kept as typed, {text, grid}. */
const model = {
  name: 'my-experiment', description: '', tags: '', protocol: null, protocolParams: {}, slots: {},
  seeds: '1', priority: '', retries: '', timeoutMinutes: '', executor: '',
};
let mode = 'form';
let textEdited = false;

/** The id of a field's input, from its path in the spec. */
function fieldId(path) {
  return 'f-' + path.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '');
}

function setProtocol(id) {
  model.protocol = id;
  model.protocolParams = {};
  model.slots = {};
  const proto = byId.get(id);
  for (const slot of proto ? proto.slots : []) {
    const choices = ofKind(slot.kind);
    model.slots[slot.name] = [];
    for (let i = 0; i < slot.min && choices.length; i++) {
      model.slots[slot.name].push({ plugin: choices[0].id, label: '', params: {} });
    }
  }
}

// ---- spec from the form ----

function number(text, integer) {
  const t = text.trim();
  if (integer ? /^[-+]?\d+$/.test(t) : t !== '' && Number.isFinite(Number(t))) {
    return Number(t);
  }
  return t; // the server names the field and the rule
}

function valueOf(p, text) {
  const t = text.trim();
  switch (p.type) {
    case 'int': case 'long': return number(t, true);
    case 'double': return number(t, false);
    case 'boolean': return t === 'true' ? true : t === 'false' ? false : t;
    case 'int_list': case 'double_list':
      return t.replace(/^\[|\]$/g, '').split(',').map((x) => x.trim()).filter((x) => x)
        .map((x) => number(x, p.type === 'int_list'));
    default: return text;
  }
}

/** Fills params and grid from the typed values of one plugin. */
function collectParams(schema, values, path, grid) {
  const params = {};
  for (const p of schema) {
    const v = values[p.name];
    if (!v || v.text.trim() === '') {
      continue;
    }
    if (v.grid && SCALAR.has(p.type)) {
      grid[path + '.params.' + p.name] = v.text.split(',').map((x) => x.trim()).filter((x) => x)
        .map((x) => valueOf(p, x));
    } else {
      params[p.name] = valueOf(p, v.text);
    }
  }
  return params;
}

function list(text) {
  return text.split(',').map((x) => x.trim()).filter((x) => x);
}

/** The spec the form describes, in the field order of examples/specs/. */
function specOfForm() {
  const spec = { name: model.name.trim() };
  if (model.description.trim()) {
    spec.description = model.description.trim();
  }
  if (list(model.tags).length) {
    spec.tags = list(model.tags);
  }
  const grid = {};
  const proto = byId.get(model.protocol);
  spec.protocol = { plugin: model.protocol };
  const pp = collectParams(proto ? proto.params : [], model.protocolParams, 'params', grid);
  if (Object.keys(pp).length) {
    spec.protocol.params = pp;
  }
  spec.slots = {};
  for (const [name, entries] of Object.entries(model.slots)) {
    if (!entries.length) {
      continue;
    }
    spec.slots[name] = entries.map((e, i) => {
      const ref = { plugin: e.plugin };
      if (e.label.trim()) {
        ref.label = e.label.trim();
      }
      const plugin = byId.get(e.plugin);
      const params = collectParams(plugin ? plugin.params : [], e.params, 'slots.' + name + '[' + i + ']', grid);
      if (Object.keys(params).length) {
        ref.params = params;
      }
      return ref;
    });
  }
  if (Object.keys(grid).length) {
    spec.grid = grid;
  }
  spec.seeds = list(model.seeds).map((s) => number(s, true));
  for (const k of ['priority', 'retries', 'timeoutMinutes']) {
    if (model[k].trim()) {
      spec[k] = number(model[k], true);
    }
  }
  if (model.executor) {
    spec.executor = model.executor;
  }
  return spec;
}

// ---- the form ----

function field(path, labelText, control, help, extra) {
  return h('div', { class: 'field', dataset: { path } },
    h('label', { for: fieldId(path) }, labelText), h('div', { class: 'control' }, control, extra),
    help ? h('div', { class: 'help' }, help) : null, h('div', { class: 'field-error', role: 'alert' }));
}

function textInput(path, value, onInput, attrs = {}) {
  return h('input', { type: 'text', id: fieldId(path), value, oninput: (e) => onInput(e.target.value), ...attrs });
}

function paramField(p, values, path) {
  const v = values[p.name] || (values[p.name] = { text: '', grid: false });
  const fullPath = path + '.params.' + p.name;
  const changed = () => changedForm();
  let control;
  if (p.type === 'boolean' || p.type === 'choice') {
    const options = p.type === 'boolean' ? ['true', 'false'] : p.choices;
    control = h('select', { id: fieldId(fullPath), onchange: (e) => { v.text = e.target.value; changed(); } },
      h('option', { value: '' }, 'default' + (p.default === null || p.default === undefined ? '' : ' (' + p.default + ')')),
      options.map((o) => h('option', { value: o, selected: v.text === o }, o)));
  } else {
    const def = p.default === null || p.default === undefined ? '' : Array.isArray(p.default)
      ? p.default.join(', ') : String(p.default);
    control = textInput(fullPath, v.text, (t) => { v.text = t; changed(); },
      { placeholder: v.grid ? 'values, comma-separated' : def ? 'default ' + def : p.required ? 'required' : '',
        title: p.accepted, inputmode: p.type === 'string' ? undefined : 'decimal' });
  }
  let gridToggle = null;
  if (SCALAR.has(p.type) && p.type !== 'choice') {
    gridToggle = h('label', { class: 'grid-toggle' }, h('input', {
      type: 'checkbox', id: fieldId(fullPath) + '-grid', checked: v.grid,
      onchange: (e) => { v.grid = e.target.checked; renderForm(); changed(); },
    }), ' grid');
  }
  const help = [p.help, p.accepted ? ' Accepted: ' + p.accepted + '.' : ''].join('');
  const labelText = [p.name, p.required ? ' *' : ''].join('');
  // A swept parameter's problems are reported under its grid axis: grid.params.X or grid.slots.S[I].params.X.
  return field(v.grid ? 'grid.' + fullPath.replace(/^protocol\./, '') : fullPath, labelText, control, help,
    gridToggle);
}

function paramsBlock(schema, values, path) {
  if (!schema.length) {
    return h('div', { class: 'small muted' }, 'No parameters.');
  }
  return h('div', {}, schema.map((p) => paramField(p, values, path)));
}

function slotBlock(slot) {
  const entries = model.slots[slot.name];
  const choices = ofKind(slot.kind);
  const path = 'slots.' + slot.name;
  const max = slot.max === null || slot.max === undefined ? Infinity : slot.max;
  const add = h('button', {
    type: 'button', id: fieldId(path) + '-add', disabled: entries.length >= max || !choices.length,
    onclick: () => {
      entries.push({ plugin: choices[0].id, label: '', params: {} });
      renderForm();
      changedForm();
    },
  }, '+ add ' + slot.kind);
  const range = slot.min === 0 ? (max === Infinity ? 'any number' : 'up to ' + max)
    : max === Infinity ? 'at least ' + slot.min : slot.min === max ? 'exactly ' + max : slot.min + ' to ' + max;
  return h('div', { class: 'slot', dataset: { path }, id: fieldId(path) },
    h('div', { class: 'slot-head' }, h('h3', {}, slot.name), h('span', { class: 'muted small' },
      slot.kind + ' · ' + range), h('span', { class: 'spacer' }), add),
    h('div', { class: 'small muted' }, slot.help),
    h('div', { class: 'field-error', role: 'alert' }),
    choices.length ? null : h('div', { class: 'msg info' }, 'No ' + slot.kind + ' plugin is installed.'),
    entries.map((e, i) => entryBlock(slot, e, i, choices)));
}

function entryBlock(slot, e, i, choices) {
  const path = 'slots.' + slot.name + '[' + i + ']';
  const plugin = byId.get(e.plugin);
  const select = h('select', {
    id: fieldId(path + '.plugin'),
    onchange: (ev) => { e.plugin = ev.target.value; e.params = {}; e.open = undefined; renderForm(); changedForm(); },
  }, choices.map((p) => h('option', { value: p.id, selected: p.id === e.plugin }, p.id + ' — ' + p.title)));
  const remove = h('button', {
    type: 'button', class: 'danger', id: fieldId(path) + '-remove',
    onclick: () => { model.slots[slot.name].splice(i, 1); renderForm(); changedForm(); },
  }, 'Remove');
  return h('div', { class: 'entry', dataset: { path } },
    h('div', { class: 'field', dataset: { path: path + '.plugin' } }, h('label', { for: fieldId(path + '.plugin') },
      slot.name + ' #' + (i + 1)), h('div', { class: 'control' }, select, remove),
    plugin ? h('div', { class: 'help' }, plugin.description, ' ', plugin.version ? '(v' + plugin.version + ')' : '')
      : null, h('div', { class: 'field-error', role: 'alert' })),
    field(path + '.label', 'label', textInput(path + '.label', e.label, (t) => { e.label = t; changedForm(); },
      { placeholder: e.plugin }), 'The name in results; needed when the same plugin is used twice.'),
    paramsDetails(plugin, e, path));
}

/** A plugin's parameters, folded unless they are few, required, set, or were unfolded. */
function paramsDetails(plugin, e, path) {
  const schema = plugin ? plugin.params : [];
  if (e.open === undefined) {
    e.open = schema.length <= 3 || schema.some((p) => p.required)
      || Object.values(e.params).some((v) => v.text.trim() !== '');
  }
  const set = schema.filter((p) => e.params[p.name] && e.params[p.name].text.trim() !== '').length;
  return h('details', { open: e.open, ontoggle: (ev) => { e.open = ev.target.open; } },
    h('summary', { id: fieldId(path) + '-params' }, schema.length + ' parameter' + (schema.length === 1 ? '' : 's')
      + ' of ' + e.plugin + (set ? ' (' + set + ' set)' : '') + (schema.length ? '' : ': none')),
    paramsBlock(schema, e.params, path));
}

const formBox = h('div', { id: 'form' });
const textBox = h('div', { id: 'text-view', class: 'hidden' });
const textArea = h('textarea', { id: 'spec-text', rows: 28, spellcheck: 'false', oninput: () => {
  textEdited = true;
  changedText();
} });
textBox.append(h('p', { class: 'small muted', id: 'text-note' }), textArea);
const status = h('div', { id: 'validation', 'aria-live': 'polite' });
const topErrors = h('div', { id: 'errors' });

function renderForm() {
  const proto = byId.get(model.protocol);
  const general = h('section', { class: 'card' }, h('h2', {}, 'Experiment'),
    field('name', 'name *', textInput('name', model.name, (t) => { model.name = t; changedForm(); }),
      'A short name; runs are searchable by it.'),
    field('description', 'description', textInput('description', model.description,
      (t) => { model.description = t; changedForm(); }, { size: 60 })),
    field('tags', 'tags', textInput('tags', model.tags, (t) => { model.tags = t; changedForm(); },
      { placeholder: 'comma-separated' })),
    field('protocol.plugin', 'protocol *', h('select', {
      id: fieldId('protocol.plugin'),
      onchange: (e) => { setProtocol(e.target.value); renderForm(); changedForm(); },
    }, protocols.map((p) => h('option', { value: p.id, selected: p.id === model.protocol }, p.id + ' — ' + p.title))),
    proto ? proto.description : ''),
    proto && proto.params.length ? h('details', { open: true }, h('summary', {}, 'protocol parameters'),
      paramsBlock(proto.params, model.protocolParams, 'protocol')) : null);
  const slots = h('section', { class: 'card' }, h('h2', {}, 'Slots'),
    proto ? proto.slots.map(slotBlock) : h('div', { class: 'empty' }, 'No protocol is installed.'));
  const runs = h('section', { class: 'card' }, h('h2', {}, 'Trials and scheduling'),
    field('seeds', 'seeds', textInput('seeds', model.seeds, (t) => { model.seeds = t; changedForm(); },
      { placeholder: '1, 2, 3' }), 'One trial per seed and grid point (check "grid" next to a parameter to sweep it).'),
    field('priority', 'priority', textInput('priority', model.priority, (t) => { model.priority = t; changedForm(); },
      { placeholder: '0' }), 'Higher runs first among your trials.'),
    field('retries', 'retries', textInput('retries', model.retries, (t) => { model.retries = t; changedForm(); },
      { placeholder: '0' }), 'How often a failed trial is run again (0 to 10).'),
    field('timeoutMinutes', 'timeout (minutes)', textInput('timeoutMinutes', model.timeoutMinutes,
      (t) => { model.timeoutMinutes = t; changedForm(); }, { placeholder: 'none' })),
    field('executor', 'executor', h('select', { id: fieldId('executor'),
      onchange: (e) => { model.executor = e.target.value; changedForm(); } },
    [['', 'default (threads)'], ['threads', 'threads: in the server'], ['worker', 'worker: a forked JVM per trial']]
      .map(([v, t]) => h('option', { value: v, selected: model.executor === v }, t)))));
  // Keep the focus and caret where the user was typing across a re-render.
  const active = document.activeElement && document.activeElement.id;
  formBox.replaceChildren(general, slots, runs);
  if (active && document.getElementById(active)) {
    document.getElementById(active).focus();
  }
}

// ---- views, validation, submission ----

function specText() {
  if (mode === 'form') {
    return { text: toYaml(specOfForm()), type: 'application/yaml' };
  }
  return { text: textArea.value, type: mode === 'json' ? 'application/json' : 'application/yaml' };
}

function showMode(next) {
  if (next === mode) {
    return;
  }
  if (mode === 'json' && next === 'form' && textEdited) {
    if (!applyJson()) {
      return;
    }
  }
  if (mode === 'yaml' && next !== 'yaml' && textEdited) {
    topErrors.replaceChildren(message('info', 'Your edits of the YAML text were left out: the form and the JSON view'
      + ' show the spec of the form. Switch back to YAML before you edit it, or submit from the YAML view.'));
  }
  mode = next;
  textEdited = false;
  for (const b of document.querySelectorAll('.tabs button')) {
    b.classList.toggle('active', b.dataset.mode === mode);
  }
  formBox.classList.toggle('hidden', mode !== 'form');
  textBox.classList.toggle('hidden', mode === 'form');
  if (mode !== 'form') {
    const spec = specOfForm();
    textArea.value = mode === 'yaml' ? toYaml(spec) : JSON.stringify(spec, null, 2) + '\n';
    document.getElementById('text-note').textContent = mode === 'yaml'
      ? 'The spec as YAML, as in examples/specs/. You may edit it; validation and submission then use this text.'
      : 'The spec as JSON. Edits are carried back to the form when you switch to it.';
  }
  validateSoon();
}

/** Carries an edited JSON spec back into the form; false (with a message) if it cannot. */
function applyJson() {
  let spec;
  try {
    spec = JSON.parse(textArea.value);
  } catch (e) {
    topErrors.replaceChildren(message('error', 'The JSON view is not valid JSON (' + e.message + '); fix it first.'));
    return false;
  }
  const proto = spec.protocol && byId.get(spec.protocol.plugin);
  if (!proto) {
    topErrors.replaceChildren(message('error', 'protocol.plugin: no installed protocol \''
      + (spec.protocol && spec.protocol.plugin) + '\''));
    return false;
  }
  const typed = (params) => Object.fromEntries(Object.entries(params || {}).map(([k, v]) =>
    [k, { text: Array.isArray(v) ? v.join(', ') : String(v), grid: false }]));
  model.name = spec.name || '';
  model.description = spec.description || '';
  model.tags = (spec.tags || []).join(', ');
  model.protocol = proto.id;
  model.protocolParams = typed(spec.protocol.params);
  model.slots = {};
  for (const slot of proto.slots) {
    model.slots[slot.name] = (spec.slots && spec.slots[slot.name] || []).map((r) => ({
      plugin: r.plugin, label: r.label || '', params: typed(r.params),
    }));
  }
  for (const [path, values] of Object.entries(spec.grid || {})) {
    const m = /^(?:params|slots\.([^[]+)\[(\d+)\]\.params)\.(.+)$/.exec(path);
    const target = !m ? null : m[1] === undefined ? model.protocolParams
      : (model.slots[m[1]] || [])[Number(m[2])] && model.slots[m[1]][Number(m[2])].params;
    if (target && Array.isArray(values)) {
      target[m[3]] = { text: values.join(', '), grid: true };
    }
  }
  model.seeds = (spec.seeds || [0]).join(', ');
  for (const k of ['priority', 'retries', 'timeoutMinutes']) {
    model[k] = spec[k] === undefined ? '' : String(spec[k]);
  }
  model.executor = spec.executor || '';
  renderForm();
  return true;
}

function clearErrors() {
  for (const e of document.querySelectorAll('.field-error')) {
    e.textContent = '';
  }
  for (const e of document.querySelectorAll('.has-error')) {
    e.classList.remove('has-error');
  }
}

/** Puts each problem next to the field its path names (the longest path a field has). */
function placeProblems(problems) {
  const fields = [...document.querySelectorAll('[data-path]')];
  const unplaced = [];
  for (const problem of problems) {
    const colon = problem.indexOf(': ');
    const path = colon > 0 ? problem.substring(0, colon) : '';
    const text = colon > 0 ? problem.substring(colon + 2) : problem;
    let best = null;
    for (const f of fields) {
      const p = f.dataset.path;
      if ((path === p || path.startsWith(p + '.') || path.startsWith(p + '['))
          && (!best || p.length > best.dataset.path.length)) {
        best = f;
      }
    }
    const slot = best && best.querySelector(':scope > .field-error');
    if (mode === 'form' && slot) {
      const folded = best.closest('details');
      if (folded && !folded.open) {
        folded.open = true;
      }
      slot.append(h('div', { class: 'problem' }, path === best.dataset.path ? text : path + ': ' + text));
      best.classList.add('has-error');
    } else {
      unplaced.push(problem);
    }
  }
  return unplaced;
}

let validation = 0;

/** Validates the spec; explicit (the button) also scrolls to the first problem. */
async function validate(explicit) {
  const mine = ++validation;
  const { text, type } = specText();
  status.replaceChildren(h('span', { class: 'muted' }, 'Validating…'));
  try {
    const r = await api('experiments/validate?name=' + encodeURIComponent((model.name || 'spec') + '.yaml'),
      { method: 'POST', body: text, type });
    if (mine !== validation) {
      return null;
    }
    clearErrors();
    topErrors.replaceChildren();
    status.replaceChildren(h('div', { class: 'msg ok', role: 'status' }, 'Valid: the spec expands to ',
      h('b', { id: 'trial-count' }, String(r.trials)), r.trials === 1 ? ' trial.' : ' trials.'));
    return r;
  } catch (e) {
    if (mine !== validation) {
      return null;
    }
    showProblems(e, explicit);
    return null;
  }
}

/** Shows a refused spec's problems: next to their fields where there is one, else above the form. */
function showProblems(e, scroll) {
  clearErrors();
  const problems = e instanceof ApiError && e.problems.length ? e.problems : [e.message];
  const unplaced = placeProblems(problems);
  const placed = mode === 'form' && unplaced.length < problems.length;
  status.replaceChildren(message('error', (problems.length === 1 ? '1 problem' : problems.length + ' problems')
    + (placed ? (problems.length === 1 ? ', shown next to its field' : ', shown next to their fields') : '') + '.'));
  topErrors.replaceChildren(unplaced.length ? message('error', 'The spec is not valid:', unplaced) : '');
  if (scroll) {
    const first = unplaced.length ? topErrors : document.querySelector('.has-error');
    if (first) {
      first.scrollIntoView({ block: 'center' });
    }
  }
}

const validateSoon = debounce(() => {
  if (can('researcher')) {
    validate();
  }
}, 700);

function changedForm() {
  validateSoon();
}

function changedText() {
  validateSoon();
}

/** Submits the spec; the server validates it again and answers its problems as validate does. */
async function submit() {
  const button = document.getElementById('submit');
  button.disabled = true;
  validation++; // a validation still in flight is stale now
  status.replaceChildren(h('span', { class: 'muted' }, 'Submitting…'));
  try {
    const { text, type } = specText();
    const created = await api('experiments?name=' + encodeURIComponent((model.name || 'spec') + '.yaml'),
      { method: 'POST', body: text, type });
    location.assign('/experiments/' + encodeURIComponent(created.info.id));
  } catch (e) {
    if (e instanceof ApiError && e.status === 400) {
      showProblems(e, true);
    } else {
      status.replaceChildren();
      showErrorIn(topErrors, e);
    }
  } finally {
    button.disabled = false;
  }
}

// ---- page ----

if (!protocols.length) {
  root.append(message('error', 'No protocol plugin is installed, so no experiment can be made. An admin can install'
    + ' one on the Plugins page.'));
} else {
  setProtocol((protocols.find((p) => p.id === 'holdout') || protocols[0]).id);
  const tabs = h('div', { class: 'tabs' }, [['form', 'Form'], ['yaml', 'YAML'], ['json', 'JSON']].map(([m, t]) =>
    h('button', { type: 'button', id: 'tab-' + m, class: m === 'form' ? 'active' : '', dataset: { mode: m },
      onclick: () => showMode(m) }, t)));
  const actions = h('div', { class: 'card row', id: 'actions' },
    h('button', { type: 'button', id: 'validate', onclick: () => validate(true) }, 'Validate'),
    h('button', { type: 'button', id: 'submit', class: 'primary', onclick: submit, disabled: !can('researcher') },
      'Submit'),
    can('researcher') ? null : h('span', { class: 'muted' }, 'Viewers cannot submit experiments.'),
    h('span', { class: 'spacer' }), status);
  root.append(tabs, topErrors, formBox, textBox, actions);
  renderForm();
  const from = param('from');
  if (from) {
    try {
      const x = await api('experiments/' + encodeURIComponent(from));
      mode = 'form';
      showMode('yaml');
      textArea.value = x.experiment.info.specText;
      textEdited = true;
      model.name = x.experiment.info.name;
      document.getElementById('text-note').textContent = 'The spec of experiment ' + from
        + ', as it was submitted. Edit it and submit it again.';
    } catch (e) {
      showErrorIn(topErrors, e);
    }
  }
  validateSoon();
}
