// The provider-chain editor: opening an AgentType, the chain rows and the policy controls.
// Reading the form back, validating and saving are in editor-save.js.

import { $, $$, el, setText, tierGlyph, actionButton } from './dom.js';
import { api, errorText, typePath, showNotice } from './api.js';
import { validateNow, renderProblems } from './editor-save.js';

export const TRIGGERS = ['auth', 'quota', 'rateLimit', 'serverError', 'tokenBudget'];
const MAX_TIERS = 3;
const LEGACY_FIELDS = ['provider', 'model', 'credentialsSecretRef', 'baseUrl', 'env'];

export const editor = {
  ns: null, name: null, resourceVersion: null, base: null, providers: [],
  problems: [], saving: false, validateTimer: 0, generation: 0, rowEntries: new WeakMap(),
};
let providersCache = null;
let datalistCounter = 0;

async function loadProviders() {
  if (!providersCache) providersCache = (await api('GET', '/api/v1/providers')).items || [];
  return providersCache;
}

export const providerByName = (name) => editor.providers.find((p) => p.name === name);
export const chainRows = () => $$('#chain .chain-row');
export const triggerBox = (value) => $(`input.trigger[value="${value}"]`);

export async function openEditor(ns, name) {
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

export function closeEditor() {
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

export function onEditorClick(event) {
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

export function onEditorChange(event) {
  if (event.target.matches('.provider-select')) onProviderChange(event.target.closest('.chain-row'));
  if (event.target.matches('.trigger')) refreshBudgetControls();
  markEdited();
}

export function markEdited() {
  setText($('#editor-status'), '');
  clearTimeout(editor.validateTimer);
  editor.validateTimer = setTimeout(validateNow, 300);
}
