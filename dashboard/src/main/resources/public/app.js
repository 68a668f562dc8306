'use strict';
// The agents page: plain DOM, no framework. Every value from the API is rendered through
// textContent or attributes (never innerHTML), so the strict CSP and escaping both hold.

const TIER_GLYPHS = ['①', '②', '③'];
const TRIGGERS = ['auth', 'quota', 'rateLimit', 'serverError', 'tokenBudget'];
const MAX_TIERS = 3;
const LEGACY_FIELDS = ['provider', 'model', 'credentialsSecretRef', 'baseUrl', 'env'];
const ACTIONS = { reset: 'reset-tier', pause: 'pause', resume: 'unpause' };

// ---------- DOM and formatting helpers ----------

const $ = (selector, root = document) => root.querySelector(selector);
const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value == null) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  node.append(...children);
  return node;
}

// Writing only on change keeps the 1 s timer and stream replays from touching the DOM needlessly.
function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

function keyOf(item) {
  return `${item.namespace}/${item.name}`;
}

function compareByNamespaceName(a, b) {
  if (a.namespace !== b.namespace) return a.namespace < b.namespace ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

const pad2 = (n) => String(n).padStart(2, '0');

function formatDuration(ms) {
  const total = Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${pad2(m)}:${pad2(s)}` : `${m}:${pad2(s)}`;
}

function relativeTime(ms) {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86400)} d ago`;
}

function formatTime(iso) {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? (iso ?? '') : new Date(t).toLocaleString();
}

const tierGlyph = (tier) => TIER_GLYPHS[tier - 1] ?? String(tier);

// ---------- API ----------

class ApiError extends Error {
  constructor(status, body) {
    super(body?.message || `HTTP ${status}`);
    this.status = status;
    this.field = body?.field;
  }
}

let csrfToken = '';

async function api(method, path, body) {
  const headers = {};
  const init = { method, credentials: 'same-origin', headers };
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
    if (body !== undefined) init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const data = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

function errorText(error) {
  const message = error.message || String(error);
  return error.field && !message.includes(error.field) ? `${error.field}: ${message}` : message;
}

const enc = encodeURIComponent;
const agentPath = (ns, name) => `/api/v1/namespaces/${enc(ns)}/agents/${enc(name)}`;
const typePath = (ns, name) => `/api/v1/namespaces/${enc(ns)}/agenttypes/${enc(name)}`;

let noticeTimer = 0;
function showNotice(message) {
  const notice = $('#notice');
  notice.textContent = message;
  notice.hidden = false;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => { notice.hidden = true; }, 10000);
}

// ---------- session ----------

const app = { started: false };

async function boot() {
  bindHandlers();
  try {
    applySession(await api('GET', '/api/v1/session'));
    startApp();
  } catch (error) {
    if (error.status === 401) showSignin();
    else showNotice(`cannot reach the dashboard: ${errorText(error)}`);
  }
}

function applySession(session) {
  csrfToken = session.csrfToken || '';
  const demo = session.authMode === 'none';
  $('#user').textContent = demo ? 'anonymous (demo)' : session.user;
  $('#signout').hidden = demo;
}

function showSignin() {
  $('#app').hidden = true;
  $('#editor').hidden = true;
  $('#signin').hidden = false;
  $('#token').focus();
}

async function signIn(event) {
  event.preventDefault();
  const error = $('#signin-error');
  const button = $('#signin-submit');
  error.hidden = true;
  button.disabled = true;
  try {
    applySession(await api('POST', '/api/v1/session', { token: $('#token').value.trim() }));
    $('#token').value = '';
    // After a session expired mid-use, a fresh page is simpler than re-arming every timer.
    if (app.started) location.reload();
    else startApp();
  } catch (e) {
    error.textContent = errorText(e);
    error.hidden = false;
  } finally {
    button.disabled = false;
  }
}

async function signOut() {
  try {
    await api('DELETE', '/api/v1/session');
    location.reload();
  } catch (error) {
    showNotice(`sign-out: ${errorText(error)}`);
  }
}

async function startApp() {
  app.started = true;
  $('#signin').hidden = true;
  $('#app').hidden = false;
  try {
    await loadAll();
  } catch (error) {
    if (error.status === 401) return showSignin();
    showNotice(`loading agents: ${errorText(error)}`);
  }
  openStream();
  setInterval(tick, 1000);
  setInterval(() => { if (!document.hidden) refreshAllUsage(); }, 10000);
}

async function loadAll() {
  const [agentList, typeList] = await Promise.all([
    api('GET', '/api/v1/agents'), api('GET', '/api/v1/agenttypes')]);
  replaceTypes(typeList.items || []);
  replaceAgents(agentList.items || []);
}

// ---------- agents table ----------

const agents = { rows: new Map(), order: [], countdowns: new Set() };
const filters = { namespace: '', type: '' };

function replaceAgents(items) {
  const seen = new Set(items.map(keyOf));
  for (const rec of [...agents.rows.values()]) if (!seen.has(rec.key)) removeAgent(rec.data);
  if (agents.rows.size === 0) renderAllAgents(items);
  else items.forEach(upsertAgent);
  scheduleDerived();
}

function renderAllAgents(items) {
  const sorted = [...items].sort(compareByNamespaceName);
  const fragment = document.createDocumentFragment();
  agents.order = sorted.map((agent) => createRow(agent));
  for (const rec of agents.order) fragment.append(rec.tr);
  $('#agents tbody').append(fragment);
}

function upsertAgent(agent) {
  const rec = agents.rows.get(keyOf(agent));
  if (rec) updateRow(rec, agent);
  else insertRow(createRow(agent));
  scheduleDerived();
}

function insertRow(rec) {
  const order = agents.order;
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareByNamespaceName(order[mid].data, rec.data) < 0) lo = mid + 1;
    else hi = mid;
  }
  order.splice(lo, 0, rec);
  $('#agents tbody').insertBefore(rec.tr, order[lo + 1]?.tr ?? null);
}

function removeAgent(ref) {
  const rec = agents.rows.get(keyOf(ref));
  if (!rec) return;
  rec.tr.remove();
  agents.rows.delete(rec.key);
  agents.countdowns.delete(rec);
  agents.order.splice(agents.order.indexOf(rec), 1);
  scheduleDerived();
}

function actionButton(cls, text, title) {
  return el('button', { type: 'button', class: cls, text, title, 'aria-label': title });
}

function createRow(agent) {
  const cells = {
    namespace: el('td', { class: 'namespace' }),
    name: el('button', { type: 'button', class: 'agent-name link', title: 'Show provider events' }),
    notReady: el('div', { class: 'not-ready', hidden: true }),
    type: el('td', { class: 'type' }),
    badge: el('span', { class: 'tier-badge' }),
    budgetMark: el('span', { class: 'budget-mark', text: '⛽', title: 'last failure: tokenBudget', hidden: true }),
    pausedReason: el('span', { class: 'paused-reason' }),
    provider: el('span', { class: 'provider' }),
    model: el('span', { class: 'model' }),
    separator: el('span', { class: 'sep', text: ' / ' }),
    cooldown: el('td', { class: 'cooldown' }),
    lastFailure: el('td', { class: 'last-failure' }),
    reset: actionButton('reset', '↺', 'Reset to tier 1'),
    pause: actionButton('pause', '⏸', 'Pause'),
    resume: actionButton('resume', '▶', 'Resume'),
  };
  const tr = el('tr', { 'data-agent': keyOf(agent) },
    cells.namespace,
    el('td', { class: 'name' }, cells.name, cells.notReady),
    cells.type,
    el('td', { class: 'tier' }, cells.badge, cells.budgetMark, cells.pausedReason),
    el('td', { class: 'provider-model' }, cells.provider, cells.separator, cells.model),
    cells.cooldown,
    cells.lastFailure,
    el('td', { class: 'actions' }, cells.reset, cells.pause, cells.resume));
  const rec = { key: keyOf(agent), tr, cells, data: null, json: '' };
  agents.rows.set(rec.key, rec);
  updateRow(rec, agent);
  return rec;
}

function updateRow(rec, agent) {
  const json = JSON.stringify(agent);
  if (json === rec.json) return; // the stream replays every agent on (re)connect
  rec.json = json;
  rec.data = agent;
  const { cells } = rec;
  const state = agent.providerState || {};
  setText(cells.namespace, agent.namespace);
  setText(cells.name, agent.name);
  setText(cells.type, agent.type ?? '');
  renderBadge(cells, state);
  setText(cells.provider, state.provider ?? '');
  setText(cells.model, state.model ?? '');
  cells.separator.hidden = !state.provider;
  renderNotReady(cells.notReady, agent.status);
  cells.pause.hidden = Boolean(state.paused);
  cells.resume.hidden = !state.paused;
  const now = Date.now();
  renderLastFailure(rec, now);
  renderCooldown(rec, now);
  applyFilter(rec);
}

function badgeInfo(state) {
  const failure = state.lastFailureKind ? ` — last failure: ${state.lastFailureKind}` : '';
  if (state.paused) {
    const reason = state.pausedReason ? ` (${state.pausedReason})` : '';
    return { glyph: '✕', cls: 'paused', title: `paused${reason}${failure}` };
  }
  if (!state.tier) return { glyph: '–', cls: 'unknown', title: 'no provider state: the agent type is missing or invalid' };
  return { glyph: tierGlyph(state.tier), cls: `tier-${state.tier}`, title: `tier ${state.tier} (${state.provider})${failure}` };
}

function renderBadge(cells, state) {
  const { glyph, cls, title } = badgeInfo(state);
  setText(cells.badge, glyph);
  cells.badge.className = `tier-badge ${cls}`;
  cells.badge.title = title;
  cells.budgetMark.hidden = state.lastFailureKind !== 'tokenBudget';
  setText(cells.pausedReason, state.paused ? (state.pausedReason || '') : '');
}

function renderNotReady(node, status) {
  const notReady = Boolean(status) && status.ready !== 'True';
  node.hidden = !notReady;
  setText(node, notReady ? (status.message || status.reason || 'not ready') : '');
}

function cooldownText(state, now) {
  if (!state || state.paused || !(state.tier > 1)) return { text: '', running: false };
  const until = Date.parse(state.cooldownUntil);
  if (until > now) return { text: formatDuration(until - now), running: true };
  return { text: 'ready to return', running: false };
}

function renderCooldown(rec, now) {
  const { text, running } = cooldownText(rec.data.providerState, now);
  setText(rec.cells.cooldown, text);
  rec.cells.cooldown.classList.toggle('ready', !running && text !== '');
  if (running) agents.countdowns.add(rec);
  else agents.countdowns.delete(rec);
}

function renderLastFailure(rec, now) {
  const state = rec.data.providerState || {};
  const at = Date.parse(state.lastFailureAt);
  const kind = state.lastFailureKind;
  const text = !kind ? '' : Number.isNaN(at) ? kind : `${kind}, ${relativeTime(now - at)}`;
  setText(rec.cells.lastFailure, text);
  rec.cells.lastFailure.title = kind && !Number.isNaN(at) ? new Date(at).toLocaleString() : '';
}

// One timer for the whole page; only rows with a running countdown are visited every second.
let ticks = 0;
function tick() {
  const now = Date.now();
  for (const rec of agents.countdowns) renderCooldown(rec, now);
  if (++ticks % 30 === 0) for (const rec of agents.rows.values()) renderLastFailure(rec, now);
}

function matchesFilter(agent) {
  return (!filters.namespace || agent.namespace === filters.namespace)
    && (!filters.type || agent.type === filters.type);
}

function applyFilter(rec) {
  rec.tr.hidden = !matchesFilter(rec.data);
}

function onFilterChange() {
  filters.namespace = $('#filter-namespace').value;
  filters.type = $('#filter-type').value;
  for (const rec of agents.rows.values()) applyFilter(rec);
}

async function runAction(button, agent, action) {
  button.disabled = true;
  try {
    await api('POST', `${agentPath(agent.namespace, agent.name)}/${action}`, {});
  } catch (error) {
    showNotice(`${action} ${keyOf(agent)}: ${errorText(error)}`);
  } finally {
    button.disabled = false;
  }
}

function onAgentsClick(event) {
  const button = event.target.closest('button');
  const rec = button && agents.rows.get(button.closest('tr')?.dataset.agent);
  if (!rec) return;
  if (button.classList.contains('agent-name')) return openLedger(rec.data.namespace, rec.data.name);
  for (const [cls, action] of Object.entries(ACTIONS)) {
    if (button.classList.contains(cls)) runAction(button, rec.data, action);
  }
}

// ---------- summary and filter options (batched: a stream replay sends every agent) ----------

let derivedTimer = 0;
function scheduleDerived() {
  if (!derivedTimer) derivedTimer = setTimeout(updateDerived, 100);
}

function updateDerived() {
  derivedTimer = 0;
  updateSummary();
  updateFilterOptions();
}

function updateSummary() {
  let degraded = 0;
  let paused = 0;
  for (const { data } of agents.rows.values()) {
    const state = data.providerState || {};
    if (state.paused) paused++;
    else if (state.tier > 1) degraded++;
  }
  setText($('#count-total'), String(agents.rows.size));
  setText($('#agents-word'), agents.rows.size === 1 ? 'agent' : 'agents');
  setText($('#count-degraded'), String(degraded));
  setText($('#count-paused'), String(paused));
}

function updateFilterOptions() {
  const namespaces = new Set();
  const types = new Set();
  for (const { data } of agents.rows.values()) {
    namespaces.add(data.namespace);
    if (data.type) types.add(data.type);
  }
  for (const type of agentTypes.values()) {
    namespaces.add(type.namespace);
    types.add(type.name);
  }
  syncOptions($('#filter-namespace'), namespaces);
  syncOptions($('#filter-type'), types);
}

function syncOptions(select, values) {
  const current = select.value;
  if (current) values.add(current); // never drop the user's choice under them
  const sorted = [...values].sort();
  const signature = sorted.join('\n');
  if (select.dataset.signature === signature) return;
  select.dataset.signature = signature;
  select.replaceChildren(el('option', { value: '', text: 'all' }),
    ...sorted.map((value) => el('option', { value, text: value })));
  select.value = current;
}

// ---------- agent types and budgets ----------

const agentTypes = new Map();
const budgetEntries = new Map();

function replaceTypes(items) {
  agentTypes.clear();
  for (const item of items) agentTypes.set(keyOf(item), item);
  typesChanged();
}

function upsertType(item) {
  const known = agentTypes.has(keyOf(item));
  agentTypes.set(keyOf(item), item);
  typesChanged(); // fetches the usage of a new type
  if (known) refreshUsage(keyOf(item)); // its budget may have changed
}

function removeType(ref) {
  agentTypes.delete(keyOf(ref));
  typesChanged();
}

function typesChanged() {
  renderTypeList();
  syncBudgetEntries();
  scheduleDerived();
}

const sortedTypes = () => [...agentTypes.values()].sort(compareByNamespaceName);

function chainSummary(chain) {
  if (!chain?.length) return 'no valid chain';
  return chain.map((entry, i) => `${tierGlyph(i + 1)} ${entry.provider}/${entry.model}`).join(' → ');
}

function validText(valid) {
  if (!valid) return 'not checked yet';
  if (valid.status === 'True') return 'Valid';
  return `Invalid: ${valid.message || valid.reason || valid.status}`;
}

// Types are few, so the list is simply rebuilt on each change.
function renderTypeList() {
  $('#agenttypes').replaceChildren(...sortedTypes().map((type) => el('li', { class: 'agenttype', 'data-agenttype': keyOf(type) },
    el('div', { class: 'type-head' },
      el('span', { class: 'type-name', text: keyOf(type) }),
      el('button', { type: 'button', class: 'edit', text: 'Edit', title: `Edit the provider chain of ${keyOf(type)}` })),
    el('div', { class: 'chain-summary', text: chainSummary(type.chain) }),
    el('div', { class: `valid valid-${(type.valid?.status || 'unknown').toLowerCase()}`, text: validText(type.valid) }),
    el('ul', { class: 'warnings' }, ...(type.warnings || []).map((w) => el('li', { class: 'warning', text: w }))))));
}

function onTypesClick(event) {
  const button = event.target.closest('button.edit');
  const type = button && agentTypes.get(button.closest('li').dataset.agenttype);
  if (type) openEditor(type.namespace, type.name);
}

function syncBudgetEntries() {
  for (const [key, entry] of budgetEntries) {
    if (!agentTypes.has(key)) {
      entry.li.remove();
      budgetEntries.delete(key);
    }
  }
  const list = $('#budget-list');
  for (const type of sortedTypes()) {
    const key = keyOf(type);
    if (!budgetEntries.has(key)) {
      budgetEntries.set(key, createBudgetEntry(key));
      refreshUsage(key);
    }
    list.append(budgetEntries.get(key).li); // re-appending keeps the entries in order
  }
}

function createBudgetEntry(key) {
  const text = el('span', { class: 'budget-text', text: '…' });
  const meter = el('meter', { class: 'budget-meter', min: 0, hidden: true });
  const li = el('li', { class: 'budget', 'data-agenttype': key }, el('span', { class: 'budget-name', text: key }), text, meter);
  return { li, text, meter };
}

async function refreshUsage(key) {
  const entry = budgetEntries.get(key);
  const type = agentTypes.get(key);
  if (!entry || !type) return;
  try {
    renderUsage(entry, await api('GET', `${typePath(type.namespace, type.name)}/usage`));
  } catch (error) {
    setText(entry.text, `usage unavailable: ${errorText(error)}`);
    entry.meter.hidden = true;
  }
}

function refreshAllUsage() {
  for (const key of budgetEntries.keys()) refreshUsage(key);
}

function formatTokens(count) {
  return Number(count).toLocaleString('en-US');
}

function renderUsage(entry, usage) {
  const used = usage.usedTokens ?? 0;
  const limit = usage.limitTokens;
  const hasBudget = limit != null;
  entry.li.classList.toggle('no-budget', !hasBudget);
  entry.li.classList.toggle('over', hasBudget && used >= limit);
  entry.meter.hidden = !hasBudget;
  if (!hasBudget) {
    setText(entry.text, `no budget · ${formatTokens(used)} tokens in 24 h`);
    return;
  }
  const span = usage.window === 'all' ? 'all time' : usage.window;
  setText(entry.text, `${formatTokens(used)} / ${formatTokens(limit)} tokens in ${span}`);
  Object.assign(entry.meter, { max: limit, low: limit * 0.75, high: limit * 0.9, optimum: 0, value: Math.min(used, limit) });
  entry.meter.title = `${Math.round((used / limit) * 100)} % of the budget`;
}

// ---------- live stream ----------

const stream = { opened: false };

function openStream() {
  const source = new EventSource('/api/v1/stream');
  source.addEventListener('open', onStreamOpen);
  source.addEventListener('error', () => onStreamError(source));
  onStreamEvent(source, 'agent', upsertAgent);
  onStreamEvent(source, 'agent-deleted', removeAgent);
  onStreamEvent(source, 'agenttype', upsertType);
  onStreamEvent(source, 'agenttype-deleted', removeType);
}

function onStreamEvent(source, name, handler) {
  source.addEventListener(name, (event) => {
    let data;
    try {
      data = JSON.parse(event.data);
    } catch {
      return;
    }
    handler(data);
  });
}

function setLive(live) {
  const badge = $('#live');
  badge.classList.toggle('on', live);
  setText(badge, live ? 'live' : 'reconnecting…');
}

function onStreamOpen() {
  setLive(true);
  // The replay brings every current agent, but not the deletions missed while disconnected.
  if (stream.opened) loadAll().catch((error) => showNotice(`reloading agents: ${errorText(error)}`));
  stream.opened = true;
}

function onStreamError(source) {
  setLive(false);
  // EventSource retries network errors itself but gives up on an HTTP error answer (e.g. 401).
  if (source.readyState === EventSource.CLOSED) setTimeout(reconnect, 5000);
}

async function reconnect() {
  try {
    await api('GET', '/api/v1/session');
    openStream();
  } catch (error) {
    if (error.status === 401) showSignin();
    else setTimeout(reconnect, 5000);
  }
}

// ---------- ledger view ----------

const ledger = { ns: null, name: null, nextBefore: null, generation: 0 };

function openLedger(ns, name) {
  Object.assign(ledger, { ns, name, nextBefore: null, generation: ledger.generation + 1 });
  setText($('#ledger-title'), `Provider events · ${ns}/${name}`);
  $('#ledger-events tbody').replaceChildren();
  $('#ledger-empty').hidden = true;
  $('#ledger-older').hidden = true;
  $('#ledger').hidden = false;
  loadLedgerPage();
}

function closeLedger() {
  ledger.generation++;
  $('#ledger').hidden = true;
}

async function loadLedgerPage() {
  const generation = ledger.generation;
  const older = $('#ledger-older');
  const query = new URLSearchParams({ limit: '50' });
  if (ledger.nextBefore != null) query.set('before', String(ledger.nextBefore));
  older.disabled = true;
  try {
    const page = await api('GET', `${agentPath(ledger.ns, ledger.name)}/provider-events?${query}`);
    if (generation !== ledger.generation) return;
    const body = $('#ledger-events tbody');
    body.append(...(page.items || []).map(ledgerRow));
    ledger.nextBefore = page.nextBefore ?? null;
    older.hidden = ledger.nextBefore == null;
    $('#ledger-empty').hidden = body.rows.length > 0;
  } catch (error) {
    if (generation === ledger.generation) showNotice(`provider events: ${errorText(error)}`);
  } finally {
    older.disabled = false;
  }
}

function ledgerRow(item) {
  const tiers = `${item.fromTier ?? '–'} → ${item.toTier ?? '–'}`;
  return el('tr', { class: `ledger-event event-${item.event}`, 'data-seq': item.seq },
    el('td', { class: 'time', text: formatTime(item.time), title: item.time ?? '' }),
    el('td', { class: 'event', text: item.event ?? '' }),
    el('td', { class: 'tiers', text: tiers }),
    el('td', { class: 'kind', text: item.kind ?? '' }),
    el('td', { class: 'actor', text: item.actor ?? '' }),
    el('td', { class: 'message', text: item.message ?? '' }));
}

// ---------- provider-chain editor ----------

const editor = {
  ns: null, name: null, resourceVersion: null, base: null, providers: [],
  problems: [], saving: false, validateTimer: 0, generation: 0, rowEntries: new WeakMap(),
};
let providersCache = null;
let datalistCounter = 0;

async function loadProviders() {
  if (!providersCache) providersCache = (await api('GET', '/api/v1/providers')).items || [];
  return providersCache;
}

const providerByName = (name) => editor.providers.find((p) => p.name === name);
const chainRows = () => $$('#chain .chain-row');
const triggerBox = (value) => $(`input.trigger[value="${value}"]`);

async function openEditor(ns, name) {
  try {
    const [type, providers] = await Promise.all([api('GET', typePath(ns, name)), loadProviders()]);
    Object.assign(editor, { ns, name, providers, resourceVersion: type.resourceVersion, base: normalizeSpec(type.spec) });
    editor.generation++;
    fillEditor(editor.base);
    setText($('#editor-title'), `Edit ${ns}/${name}`);
    setText($('#editor-status'), '');
    $('#editor-reload').hidden = true;
    $('#yaml').hidden = true;
    renderProblems([], []);
    $('#editor').hidden = false;
    validateNow();
  } catch (error) {
    showNotice(`cannot edit ${ns}/${name}: ${errorText(error)}`);
  }
}

function closeEditor() {
  clearTimeout(editor.validateTimer);
  editor.generation++; // late validation answers for this editor are then ignored
  $('#editor').hidden = true;
}

// The editor works on a deep copy so that every field it does not show (template, env, unknown) survives.
function normalizeSpec(stored) {
  const spec = structuredClone(stored || {});
  if (Array.isArray(spec.providerChain) || spec.provider === undefined) return spec;
  const entry = {};
  for (const field of LEGACY_FIELDS) {
    if (field in spec) entry[field] = spec[field];
    delete spec[field];
  }
  return { providerChain: [entry], ...spec };
}

function fillEditor(spec) {
  const chain = spec.providerChain?.length ? spec.providerChain : [{ provider: editor.providers[0]?.name }];
  $('#chain').replaceChildren(...chain.map(chainRow));
  const failover = spec.failover || {};
  $('#cooldown').value = failover.cooldownSeconds ?? '';
  $('#on-exhausted').value = failover.onExhausted ?? 'Pause';
  const triggers = failover.triggers ?? TRIGGERS;
  for (const value of TRIGGERS) triggerBox(value).checked = triggers.includes(value);
  $('#limit-tokens').value = failover.tokenBudget?.limitTokens ?? '';
  $('#window').value = failover.tokenBudget?.window ?? '';
  refreshChainControls();
}

function field(label, control, ...extra) {
  return el('label', { class: 'field' }, el('span', { class: 'field-label', text: label }), control, ...extra);
}

function providerOptions(current) {
  const names = editor.providers.map((p) => p.name);
  if (current && !names.includes(current)) names.push(current); // keep an unknown stored provider
  return names.map((name) => el('option', { value: name, text: name, selected: name === current }));
}

function chainRow(entry) {
  const listId = `models-${++datalistCounter}`;
  const row = el('div', { class: 'chain-row' },
    el('span', { class: 'tier-number' }),
    field('Provider', el('select', { class: 'provider-select' }, ...providerOptions(entry.provider))),
    field('Model', el('input', { class: 'model-input', list: listId, value: entry.model ?? '', placeholder: 'model' }),
      el('datalist', { id: listId })),
    el('div', { class: 'credentials' },
      field('Secret', el('input', { class: 'secret-name', value: entry.credentialsSecretRef?.name ?? '', placeholder: 'Secret name' })),
      field('Key', el('input', { class: 'secret-key', value: entry.credentialsSecretRef?.key ?? 'api-key' }))),
    field('Base URL', el('input', { class: 'base-url', type: 'url', value: entry.baseUrl ?? '' })),
    el('div', { class: 'row-buttons' },
      actionButton('up', '↑', 'Move up'), actionButton('down', '↓', 'Move down'), actionButton('remove', '×', 'Remove tier')));
  editor.rowEntries.set(row, entry);
  row.dataset.provider = entry.provider ?? '';
  applyProvider(row);
  return row;
}

function applyProvider(row) {
  const provider = providerByName($('.provider-select', row).value) || {};
  $('datalist', row).replaceChildren(...(provider.models || []).map((model) => el('option', { value: model })));
  $('.credentials', row).hidden = !provider.needsCredentials;
  const baseUrl = $('.base-url', row);
  baseUrl.placeholder = provider.defaultBaseUrl || (provider.needsBaseUrl ? 'required' : '');
  baseUrl.required = Boolean(provider.needsBaseUrl);
  baseUrl.closest('label').classList.toggle('required', Boolean(provider.needsBaseUrl));
}

function onProviderChange(row) {
  const previous = providerByName(row.dataset.provider);
  const next = providerByName($('.provider-select', row).value);
  const model = $('.model-input', row);
  // A model that was only the old provider's suggestion is swapped; one the user typed is kept.
  if (!model.value || previous?.models?.includes(model.value)) model.value = next?.models?.[0] ?? '';
  row.dataset.provider = next?.name ?? '';
  applyProvider(row);
}

function addTier() {
  const used = new Set(chainRows().map((row) => $('.provider-select', row).value));
  const provider = editor.providers.find((p) => !used.has(p.name)) ?? editor.providers[0];
  const row = chainRow({ provider: provider?.name, model: provider?.models?.[0] ?? '' });
  $('#chain').append(row);
  $('.model-input', row).focus();
}

function refreshChainControls() {
  const rows = chainRows();
  rows.forEach((row, i) => {
    setText($('.tier-number', row), tierGlyph(i + 1));
    $('.up', row).disabled = i === 0;
    $('.down', row).disabled = i === rows.length - 1;
    $('.remove', row).disabled = rows.length === 1;
  });
  $('#add-tier').disabled = rows.length >= MAX_TIERS;
  refreshBudgetControls();
}

function refreshBudgetControls() {
  const single = chainRows().length === 1;
  const box = triggerBox('tokenBudget');
  box.disabled = single;
  box.closest('label').classList.toggle('disabled', single);
  const row = $('#budget-row');
  row.hidden = !box.checked;
  row.classList.toggle('disabled', single);
  for (const input of $$('input', row)) input.disabled = single;
  $('#budget-note').hidden = !single;
}

function onEditorClick(event) {
  const button = event.target.closest('button');
  if (!button || button.disabled) return;
  const row = button.closest('.chain-row');
  if (button.id === 'add-tier') addTier();
  else if (row && button.classList.contains('up')) row.previousElementSibling?.before(row);
  else if (row && button.classList.contains('down')) row.nextElementSibling?.after(row);
  else if (row && button.classList.contains('remove')) row.remove();
  else return;
  refreshChainControls();
  markEdited();
}

function onEditorChange(event) {
  if (event.target.matches('.provider-select')) onProviderChange(event.target.closest('.chain-row'));
  if (event.target.matches('.trigger')) refreshBudgetControls();
  markEdited();
}

function markEdited() {
  setText($('#editor-status'), '');
  clearTimeout(editor.validateTimer);
  editor.validateTimer = setTimeout(validateNow, 300);
}

const inputValue = (selector, root) => $(selector, root).value.trim();
const numberOrNull = (text) => (text.trim() === '' ? null : Number(text));

function collectEntry(row) {
  const original = editor.rowEntries.get(row) || {};
  const entry = structuredClone(original);
  const provider = providerByName(inputValue('.provider-select', row));
  entry.provider = inputValue('.provider-select', row);
  entry.model = inputValue('.model-input', row);
  if (provider?.needsCredentials) {
    entry.credentialsSecretRef = { ...entry.credentialsSecretRef,
      name: inputValue('.secret-name', row), key: inputValue('.secret-key', row) || 'api-key' };
  } else if (entry.provider !== original.provider) {
    delete entry.credentialsSecretRef; // hidden fields of an unchanged provider are kept as stored
  }
  const baseUrl = inputValue('.base-url', row);
  if (baseUrl) entry.baseUrl = baseUrl;
  else delete entry.baseUrl;
  return entry;
}

// Sets a field, or leaves it out when it is unset and equals the default it would take anyway.
function setOrOmit(target, key, value, stored, fallback) {
  if (value == null || (!(key in stored) && JSON.stringify(value) === JSON.stringify(fallback))) delete target[key];
  else target[key] = value;
}

function collectTokenBudget(failover, stored) {
  if (!triggerBox('tokenBudget').checked) return; // the stored budget, if any, stays as it is
  const limit = numberOrNull($('#limit-tokens').value);
  const span = $('#window').value.trim();
  if (limit == null && !span) {
    delete failover.tokenBudget;
    return;
  }
  const budget = { ...stored.tokenBudget };
  setOrOmit(budget, 'limitTokens', limit, {}, undefined);
  setOrOmit(budget, 'window', span || null, {}, undefined);
  failover.tokenBudget = budget;
}

function collectSpec() {
  const spec = structuredClone(editor.base);
  spec.providerChain = chainRows().map(collectEntry);
  const stored = editor.base.failover || {};
  const failover = spec.failover || {};
  setOrOmit(failover, 'cooldownSeconds', numberOrNull($('#cooldown').value), stored, undefined);
  setOrOmit(failover, 'onExhausted', $('#on-exhausted').value, stored, 'Pause');
  setOrOmit(failover, 'triggers', TRIGGERS.filter((t) => triggerBox(t).checked), stored, TRIGGERS);
  collectTokenBudget(failover, stored);
  if (Object.keys(failover).length > 0 || 'failover' in editor.base) spec.failover = failover;
  return spec;
}

async function validateNow() {
  clearTimeout(editor.validateTimer);
  const generation = ++editor.generation;
  try {
    const result = await api('POST', `${typePath(editor.ns, editor.name)}/validate`, { spec: collectSpec() });
    if (generation !== editor.generation) return null;
    renderProblems(result.problems || [], result.warnings || []);
    return editor.problems;
  } catch (error) {
    if (generation === editor.generation) showEditorError(error, 'validation failed');
    return null;
  }
}

function renderProblems(problems, warnings) {
  editor.problems = problems;
  const box = $('#editor-problems');
  $('ul', box).replaceChildren(...problems.map((p) => el('li', { class: 'problem', text: p.path ? `${p.path}: ${p.message}` : p.message })));
  box.hidden = problems.length === 0;
  $('#editor-warnings').replaceChildren(...warnings.map((w) => el('li', { class: 'warning', text: w })));
  updateSaveButton();
}

// Server refusals are shown without counting as validation problems, so Save stays usable.
function showEditorError(error, prefix) {
  const box = $('#editor-problems');
  const hint = error.status === 409 ? ' (your edits are kept: copy the YAML, or reload from the cluster)' : '';
  for (const old of $$('li.save-error', box)) old.remove();
  $('ul', box).append(el('li', { class: 'save-error', text: `${prefix}: ${errorText(error)}${hint}` }));
  box.hidden = false;
  $('#editor-reload').hidden = error.status !== 409;
}

function updateSaveButton() {
  $('#save').disabled = editor.saving || editor.problems.length > 0;
}

async function save(event) {
  event.preventDefault();
  if (editor.saving) return;
  editor.saving = true;
  updateSaveButton();
  const status = $('#editor-status');
  setText(status, 'validating…');
  try {
    const problems = await validateNow();
    if (problems?.length) return setText(status, '');
    const spec = collectSpec();
    setText(status, 'saving…');
    const result = await api('PUT', typePath(editor.ns, editor.name), { resourceVersion: editor.resourceVersion, spec });
    editor.resourceVersion = result.resourceVersion;
    editor.base = spec;
    $('#editor-reload').hidden = true;
    setText(status, 'saved');
  } catch (error) {
    setText(status, '');
    showEditorError(error, `not saved (${error.status ?? 'network'})`);
  } finally {
    editor.saving = false;
    updateSaveButton();
  }
}

function copyYaml() {
  const manifest = {
    apiVersion: 'agents.failover.io/v1alpha1',
    kind: 'AgentType',
    metadata: { name: editor.name, namespace: editor.ns },
    spec: collectSpec(),
  };
  const text = toYaml(manifest);
  const area = $('#yaml');
  area.value = text;
  area.hidden = false;
  const status = $('#editor-status');
  if (!navigator.clipboard) return setText(status, 'YAML below (no clipboard access here)');
  navigator.clipboard.writeText(text).then(
    () => setText(status, 'YAML copied to the clipboard'),
    () => setText(status, 'YAML below (the clipboard refused)'));
}

// ---------- a small YAML emitter for plain JSON data ----------

const YAML_RESERVED = /^(true|false|yes|no|on|off|y|n|null|~)$/i;

function yamlScalar(value) {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = String(value);
  const plain = /^[A-Za-z_/][\w./-]*$/.test(text) || /^\d+[A-Za-z]+$/.test(text);
  // JSON's double-quoted strings are valid YAML double-quoted scalars.
  return plain && !YAML_RESERVED.test(text) ? text : JSON.stringify(text);
}

const isBlock = (value) => value !== null && typeof value === 'object' && Object.keys(value).length > 0;
const inlineYaml = (value) => (Array.isArray(value) ? '[]' : value !== null && typeof value === 'object' ? '{}' : yamlScalar(value));

function yamlBlock(value, indent) {
  if (Array.isArray(value)) {
    return value.map((item) => (isBlock(item)
      ? `${indent}- ${yamlBlock(item, `${indent}  `).slice(indent.length + 2)}`
      : `${indent}- ${inlineYaml(item)}`)).join('\n');
  }
  return Object.entries(value).map(([key, item]) => (isBlock(item)
    ? `${indent}${yamlScalar(key)}:\n${yamlBlock(item, `${indent}  `)}`
    : `${indent}${yamlScalar(key)}: ${inlineYaml(item)}`)).join('\n');
}

function toYaml(value) {
  return `${yamlBlock(value, '')}\n`;
}

// ---------- wiring ----------

function bindHandlers() {
  $('#signin').addEventListener('submit', signIn);
  $('#signout').addEventListener('click', signOut);
  $('#notice').addEventListener('click', () => { $('#notice').hidden = true; });
  $('#filter-namespace').addEventListener('change', onFilterChange);
  $('#filter-type').addEventListener('change', onFilterChange);
  $('#agents tbody').addEventListener('click', onAgentsClick);
  $('#agenttypes').addEventListener('click', onTypesClick);
  $('#ledger-older').addEventListener('click', loadLedgerPage);
  $('#ledger-close').addEventListener('click', closeLedger);
  const form = $('#editor-form');
  form.addEventListener('click', onEditorClick);
  form.addEventListener('input', markEdited);
  form.addEventListener('change', onEditorChange);
  form.addEventListener('submit', save);
  $('#copy-yaml').addEventListener('click', copyYaml);
  $('#editor-close').addEventListener('click', closeEditor);
  $('#editor-reload').addEventListener('click', () => openEditor(editor.ns, editor.name));
  document.addEventListener('visibilitychange', () => { if (!document.hidden && app.started) refreshAllUsage(); });
}

document.addEventListener('DOMContentLoaded', boot);
