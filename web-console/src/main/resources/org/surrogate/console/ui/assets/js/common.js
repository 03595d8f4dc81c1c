// Shared by every page: the API client (session cookie + CSRF token), the top bar, DOM helpers and
// formatting. Nothing here keeps a secret anywhere but in memory: the CSRF token is asked again
// (GET /api/v1/session) on every page load.

/** The logged-in user: {user, role, csrfToken}; set by boot(). */
export const session = { user: null, role: null, csrfToken: null };

/** An error answered by the API: its status, message and, for invalid specs, every problem. */
export class ApiError extends Error {
  constructor(status, message, problems) {
    super(message);
    this.status = status;
    this.problems = problems || [];
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Calls the REST API. Bodies: FormData as multipart, strings as text (type given), anything else as
 * JSON. State-changing requests carry the session's CSRF token. Answers parsed JSON, text for text
 * answers, null for 204. Errors become ApiError with the server's message (never a raw body).
 */
export async function api(path, { method = 'GET', body, type, allow401 = false } = {}) {
  const headers = { Accept: 'application/json, text/plain;q=0.9' };
  let payload;
  if (body instanceof FormData) {
    payload = body;
  } else if (typeof body === 'string') {
    payload = body;
    headers['Content-Type'] = type || 'text/plain';
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['Content-Type'] = 'application/json';
  }
  if (!SAFE.has(method) && session.csrfToken) {
    headers['X-CSRF-Token'] = session.csrfToken;
  }
  let response;
  try {
    response = await fetch('/api/v1/' + path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(0, 'cannot reach the server (' + e.message + ')');
  }
  if (response.status === 401 && !allow401) {
    toLogin();
    throw new ApiError(401, 'not logged in');
  }
  const contentType = response.headers.get('Content-Type') || '';
  if (!response.ok) {
    let message = 'HTTP ' + response.status;
    let problems = [];
    if (contentType.includes('json')) {
      try {
        const e = await response.json();
        message = e.error || message;
        problems = e.problems || [];
      } catch (ignored) {
        // not JSON after all: keep the status
      }
    }
    if (response.status === 429 && response.headers.get('Retry-After') && !message.includes('try again')) {
      message += ' (try again in ' + response.headers.get('Retry-After') + ' s)';
    }
    throw new ApiError(response.status, message, problems);
  }
  if (response.status === 204) {
    return null;
  }
  return contentType.includes('json') ? response.json() : response.text();
}

/** Sends the browser to the login page, coming back here afterwards. */
export function toLogin() {
  const next = location.pathname + location.search;
  location.assign('/login' + (next && next !== '/' ? '?next=' + encodeURIComponent(next) : ''));
}

/** Whether the user may do what a role allows: viewer < researcher < admin. */
export function can(role) {
  const order = ['viewer', 'researcher', 'admin'];
  return order.indexOf(session.role) >= order.indexOf(role);
}

/**
 * Starts a page: checks the session (or goes to the login page), draws the top bar and installs the
 * error banner. Answers the session.
 */
export async function boot(active) {
  window.addEventListener('unhandledrejection', (e) => showError(e.reason));
  window.addEventListener('error', (e) => showError(e.error || e.message));
  const s = await api('session');
  session.user = s.user;
  session.role = s.role;
  session.csrfToken = s.csrfToken || null;
  drawTopBar(active);
  return session;
}

const NAV = [
  ['dashboard', '/', 'Dashboard'],
  ['editor', '/experiments/new', 'New experiment'],
  ['search', '/search', 'Search'],
  ['compare', '/compare', 'Compare'],
  ['plugins', '/plugins', 'Plugins'],
  ['catalog', '/catalog', 'Catalog'],
];

function drawTopBar(active) {
  const bar = document.getElementById('topbar');
  bar.className = 'topbar';
  const logout = h('button', { type: 'button', id: 'logout', onclick: logoutNow }, 'Log out');
  bar.replaceChildren(
    h('a', { class: 'brand', href: '/' }, h('img', { src: '/ui/favicon.svg', alt: '' }), 'Surrogate'),
    h('nav', {}, ...NAV.map(([key, href, text]) =>
      h('a', { href, class: key === active ? 'active' : '', id: 'nav-' + key }, text))),
    h('span', { class: 'who' }, h('span', { id: 'who' }, session.user + ' (' + session.role + ')'), logout));
}

async function logoutNow() {
  try {
    await api('session', { method: 'DELETE' });
  } finally {
    location.assign('/login');
  }
}

/**
 * Makes an element: h('a', {href: '/x', onclick: f}, 'text', child). Text is always set as text,
 * never parsed as HTML.
 */
export function h(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) {
      continue;
    }
    if (k.startsWith('on') && typeof v === 'function') {
      e.addEventListener(k.substring(2), v);
    } else if (k === 'dataset') {
      Object.assign(e.dataset, v);
    } else if (k === 'value' || k === 'checked' || k === 'selected' || k === 'disabled' || k === 'hidden') {
      e[k] = v;
    } else {
      e.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(e, children);
  return e;
}

function append(e, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) {
      continue;
    }
    if (Array.isArray(c)) {
      append(e, c);
    } else {
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
  }
}

/** Replaces an element's content; null, undefined and false children are left out. */
export function fill(target, ...children) {
  target.replaceChildren();
  append(target, children);
  return target;
}

/**
 * How a final metric is plotted: its group (what is compared, such as ndcg@10, or kendall/ndcg@10
 * for a rank correlation) and its category in the group (the recommender, such as real/als).
 */
export function metricGroup(name) {
  const corr = /^(.*?)\/?((?:kendall|spearman)\/[^/]+)$/.exec(name);
  if (corr) {
    return { group: corr[2], category: corr[1] || corr[2] };
  }
  const slash = name.lastIndexOf('/');
  return slash < 0 ? { group: name, category: name } : { group: name.substring(slash + 1),
    category: name.substring(0, slash) };
}

/** A message box: kind error, ok or info; problems become a list. */
export function message(kind, text, problems) {
  return h('div', { class: 'msg ' + kind, role: kind === 'error' ? 'alert' : 'status' }, text,
    problems && problems.length ? h('ul', {}, problems.map((p) => h('li', {}, p))) : null);
}

/** Shows an error at the bottom right for a few seconds: its message only, never a stack. */
export function showError(error) {
  if (error instanceof ApiError && error.status === 401) {
    return;
  }
  let box = document.getElementById('toast');
  if (!box) {
    box = h('div', { id: 'toast' });
    document.body.append(box);
  }
  const text = error && error.message ? error.message : String(error);
  const m = message('error', text);
  box.append(m);
  setTimeout(() => m.remove(), 8000);
}

/** Replaces an element's content with a message for an error. */
export function showErrorIn(target, error) {
  target.replaceChildren(message('error', error && error.message ? error.message : String(error),
    error && error.problems));
}

/** A status badge. */
export function badge(state) {
  const s = String(state || '').toLowerCase();
  return h('span', { class: 'badge ' + s }, s || '?');
}

/** A progress bar: fraction in [0, 1]; done and failed colour it. */
export function progressBar(fraction, { big = false, id, state, text } = {}) {
  const bar = h('div', { class: 'bar' });
  const label = h('span', { class: 'label' });
  const box = h('div', { class: 'progress' + (big ? ' big' : ''), role: 'progressbar', 'aria-valuemin': 0,
    'aria-valuemax': 100, id }, bar, label);
  setProgress(box, fraction, state, text);
  return box;
}

/** Updates a progress bar made by progressBar(). */
export function setProgress(box, fraction, state, text) {
  const f = Math.max(0, Math.min(1, Number(fraction) || 0));
  const pct = Math.round(f * 100);
  box.querySelector('.bar').style.width = pct + '%';
  box.setAttribute('aria-valuenow', String(pct));
  const s = String(state || '').toLowerCase();
  box.classList.toggle('done', s === 'succeeded' || s === 'finished');
  box.classList.toggle('failed', s === 'failed' || s === 'cancelled');
  box.querySelector('.label').textContent = text || pct + ' %';
}

/** Formats a number for tables: up to 4 significant decimals, integers as they are. */
export function fmt(v) {
  if (v === null || v === undefined || v === '') {
    return '';
  }
  if (typeof v === 'number') {
    if (Number.isInteger(v)) {
      return String(v);
    }
    const a = Math.abs(v);
    return a !== 0 && (a < 1e-3 || a >= 1e6) ? v.toExponential(3) : v.toFixed(4);
  }
  if (typeof v === 'object') {
    return JSON.stringify(v);
  }
  return String(v);
}

/** A time as local date and time, or '' when absent. */
export function fmtTime(iso) {
  if (!iso) {
    return '';
  }
  const d = new Date(iso);
  return isNaN(d) ? String(iso) : d.toLocaleString();
}

/** The time between two instants, such as "12.3 s" or "4 min 5 s". */
export function fmtDuration(from, to) {
  if (!from || !to) {
    return '';
  }
  const s = (new Date(to) - new Date(from)) / 1000;
  if (!(s >= 0)) {
    return '';
  }
  return s < 60 ? s.toFixed(1) + ' s' : Math.floor(s / 60) + ' min ' + Math.round(s % 60) + ' s';
}

/** A link to a run's page. */
export function runLink(id) {
  return h('a', { href: '/runs/' + encodeURIComponent(id), class: 'mono' }, id);
}

/** A link to an experiment's page. */
export function experimentLink(id, text) {
  return id ? h('a', { href: '/experiments/' + encodeURIComponent(id) }, text || id) : '';
}

/** The index field name of a metric or parameter, as the repository normalises it (ndcg@10 -> ndcg_10). */
export function fieldName(name) {
  return String(name).toLowerCase().replace(/[^a-z0-9_.]+/g, '_').replace(/_*\._*/g, '.')
    .replace(/\.{2,}/g, '.').replace(/^[_.]+|[_.]+$/g, '');
}

/**
 * Follows the server's event stream (GET /api/v1/events), reconnecting on its own. handlers maps
 * event names (trial, progress, metric, experiment) to functions of the parsed data; onState(live)
 * is told when the connection opens or drops.
 */
export function follow(query, handlers, onState) {
  const source = new EventSource('/api/v1/events' + (query ? '?' + query : ''));
  for (const [name, fn] of Object.entries(handlers)) {
    source.addEventListener(name, (e) => {
      let data;
      try {
        data = JSON.parse(e.data);
      } catch (ignored) {
        return;
      }
      fn(data);
    });
  }
  source.onopen = () => onState && onState(true);
  source.onerror = () => onState && onState(false);
  window.addEventListener('pagehide', () => source.close());
  return source;
}

/** A "live" indicator for an event stream. */
export function liveIndicator() {
  const e = h('span', { class: 'live', id: 'live' }, 'connecting');
  e.update = (on) => {
    e.classList.toggle('on', on);
    e.textContent = on ? 'live' : 'reconnecting';
  };
  return e;
}

/** Calls fn at most once per wait ms, after the last call. */
export function debounce(fn, wait) {
  let t = null;
  return (...args) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...args), wait);
  };
}

/** A table with a header row; rows are arrays of cells (strings or nodes); numeric columns by index. */
export function table(headers, rows, { numeric = [], id, empty = 'Nothing yet.' } = {}) {
  if (!rows.length) {
    return h('div', { class: 'empty', id }, empty);
  }
  return h('div', { class: 'table-wrap' }, h('table', { id },
    h('thead', {}, h('tr', {}, headers.map((x, i) => h('th', { class: numeric.includes(i) ? 'num' : '' }, x)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c, i) => h('td', { class: numeric.includes(i) ? 'num' : '' },
      c)))))));
}

/** The query parameter of the page's URL, or null. */
export function param(name) {
  return new URLSearchParams(location.search).get(name);
}

/** The last segment of the page's path (a run or experiment id). */
export function pathId() {
  const parts = location.pathname.split('/').filter((x) => x);
  return decodeURIComponent(parts[parts.length - 1] || '');
}
