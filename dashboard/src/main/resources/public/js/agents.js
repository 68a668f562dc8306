// The agents table: rows updated in place, the countdown timer, filters, row actions,
// and the summary counts above the table.

import { $, el, setText, keyOf, compareByNamespaceName, formatDuration, relativeTime, tierGlyph, actionButton } from './dom.js';
import { api, errorText, agentPath, showNotice } from './api.js';
import { agentTypes } from './types.js';
import { openLedger } from './ledger.js';

const ACTIONS = { reset: 'reset-tier', pause: 'pause', resume: 'unpause' };

const agents = { rows: new Map(), order: [], countdowns: new Set() };
const filters = { namespace: '', type: '' };

export function replaceAgents(items) {
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

export function upsertAgent(agent) {
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

export function removeAgent(ref) {
  const rec = agents.rows.get(keyOf(ref));
  if (!rec) return;
  rec.tr.remove();
  agents.rows.delete(rec.key);
  agents.countdowns.delete(rec);
  agents.order.splice(agents.order.indexOf(rec), 1);
  scheduleDerived();
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
export function tick() {
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

export function onFilterChange() {
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

export function onAgentsClick(event) {
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
export function scheduleDerived() {
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
