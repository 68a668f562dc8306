// The agent types list and their token budgets with current usage.

import { $, el, setText, keyOf, compareByNamespaceName, tierGlyph } from './dom.js';
import { api, errorText, typePath } from './api.js';
import { scheduleDerived } from './agents.js';
import { openEditor } from './editor.js';

export const agentTypes = new Map();
const budgetEntries = new Map();

export function replaceTypes(items) {
  agentTypes.clear();
  for (const item of items) agentTypes.set(keyOf(item), item);
  typesChanged();
}

export function upsertType(item) {
  const previous = agentTypes.get(keyOf(item));
  // the stream's replay repeats every type the page already loaded: nothing to redraw or refetch
  if (previous && JSON.stringify(previous) === JSON.stringify(item)) return;
  const known = previous !== undefined;
  agentTypes.set(keyOf(item), item);
  typesChanged(); // fetches the usage of a new type
  if (known) refreshUsage(keyOf(item)); // its budget may have changed
}

export function removeType(ref) {
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

export function onTypesClick(event) {
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

export function refreshAllUsage() {
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
