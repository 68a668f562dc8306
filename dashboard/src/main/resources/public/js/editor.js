// The provider-chain editor, a modal dialog: opening an AgentType, the chain rows and the policy
// controls, and closing without losing edits unasked. Reading back, checking and saving are in
// editor-save.js, which gets this editor's state.

import { $, $$, el, icon, iconButton, setText } from './dom.js';
import { typePath } from './api.js';
import { errorText } from './format.js';
import { MAX_TIERS, normalizeSpec, TRIGGERS } from './spec.js';
import { copyYaml, renderProblems, save, validateNow } from './editor-save.js';

/** deps: {api, notify, confirm(message, options)} */
export function createEditor({ api, notify, confirm }) {
  const dialog = $('#editor');
  const state = {
    ns: null, name: null, generation: null, base: null, providers: [], problems: [], saving: false,
    dirty: false, validateTimer: 0, ticket: 0, rowEntries: new WeakMap(), opener: null, rows: 0,
  };
  let providersCache = null;

  const providerByName = (name) => state.providers.find((p) => p.name === name);
  const chainRows = () => $$('#chain .chain-row');
  const triggerBox = (value) => $(`input.trigger[value="${value}"]`);

  async function loadProviders() {
    if (!providersCache) providersCache = (await api.request('GET', '/api/v1/providers')).items || [];
    return providersCache;
  }

  function field(cls, label, control, ...extra) {
    return el('label', { class: `field ${cls}` },
      el('span', { class: 'field-label' }, el('span', { class: 'sr-only tier-prefix' }), label), control, ...extra);
  }

  function providerOptions(current) {
    const names = state.providers.map((p) => p.name);
    if (current && !names.includes(current)) names.push(current); // keep an unknown stored provider
    return names.map((name) => el('option', { value: name, text: name, selected: name === current }));
  }

  function chainRow(entry) {
    const listId = `models-${++state.rows}`;
    const row = el('fieldset', { class: 'chain-row' },
      el('legend', { class: 'tier-number' }),
      field('provider-field', 'Provider', el('select', { class: 'provider-select' }, ...providerOptions(entry.provider))),
      field('model-field', 'Model', el('input', { class: 'model-input', list: listId, value: entry.model ?? '', placeholder: 'model' }),
        el('datalist', { id: listId })),
      el('div', { class: 'credentials' },
        field('secret-field', 'Secret', el('input', { class: 'secret-name', value: entry.credentialsSecretRef?.name ?? '', placeholder: 'Secret name' })),
        field('key-field', 'Key', el('input', { class: 'secret-key', value: entry.credentialsSecretRef?.key ?? 'api-key' }))),
      field('url-field', 'Base URL', el('input', { class: 'base-url', type: 'url', value: entry.baseUrl ?? '' })),
      el('div', { class: 'row-buttons' },
        iconButton('up', 'up', 'Move up'), iconButton('down', 'down', 'Move down'), iconButton('remove', 'remove', 'Remove')));
    state.rowEntries.set(row, entry);
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

  // Another provider means another key: the old provider's Secret is cleared, never carried over.
  function onProviderChange(row) {
    const previous = providerByName(row.dataset.provider);
    const next = providerByName($('.provider-select', row).value);
    const model = $('.model-input', row);
    if (!model.value || previous?.models?.includes(model.value)) model.value = next?.models?.[0] ?? ''; // a typed model is kept
    $('.secret-name', row).value = '';
    $('.secret-name', row).placeholder = next?.needsCredentials ? `${next.name}-key` : 'Secret name';
    $('.secret-key', row).value = 'api-key';
    row.dataset.provider = next?.name ?? '';
    applyProvider(row);
  }

  function fill(spec) {
    const chain = spec.providerChain?.length ? spec.providerChain : [{ provider: state.providers[0]?.name }];
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

  function refreshChainControls() {
    const rows = chainRows();
    rows.forEach((row, i) => {
      setText($('.tier-number', row), `Tier ${i + 1}`);
      for (const prefix of $$('.tier-prefix', row)) setText(prefix, `Tier ${i + 1} `);
      $('.up', row).disabled = i === 0;
      $('.down', row).disabled = i === rows.length - 1;
      $('.remove', row).disabled = rows.length === 1;
      for (const [cls, words] of [['up', 'Move tier %d up'], ['down', 'Move tier %d down'], ['remove', 'Remove tier %d']]) {
        const label = words.replace('%d', String(i + 1));
        $(`.${cls}`, row).setAttribute('aria-label', label);
        $(`.${cls}`, row).title = label;
      }
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

  function edited() {
    state.dirty = true;
    setText($('#editor-status'), '');
    clearTimeout(state.validateTimer);
    state.validateTimer = setTimeout(() => validateNow(state, api), 300);
  }

  function addTier() {
    const used = new Set(chainRows().map((row) => $('.provider-select', row).value));
    const provider = state.providers.find((p) => !used.has(p.name)) ?? state.providers[0];
    const row = chainRow({ provider: provider?.name, model: provider?.models?.[0] ?? '' });
    $('#chain').append(row);
    $('.model-input', row).focus();
  }

  function onClick(event) {
    const button = event.target.closest('button');
    if (!button || button.disabled) return;
    const row = button.closest('.chain-row');
    if (button.id === 'add-tier') addTier();
    else if (row && button.classList.contains('up')) row.previousElementSibling?.before(row);
    else if (row && button.classList.contains('down')) row.nextElementSibling?.after(row);
    else if (row && button.classList.contains('remove')) {
      const next = row.nextElementSibling ?? row.previousElementSibling;
      row.remove();
      $('.provider-select', next)?.focus(); // focus stays in the chain, not lost with the removed row
    } else return;
    if (row && (button.classList.contains('up') || button.classList.contains('down'))) button.focus();
    refreshChainControls();
    edited();
  }

  function onChange(event) {
    if (event.target.matches('.provider-select')) onProviderChange(event.target.closest('.chain-row'));
    if (event.target.matches('.trigger')) refreshBudgetControls();
    edited();
  }

  function finish() {
    clearTimeout(state.validateTimer);
    state.ticket++; // late validation answers for this editor are then ignored
    if (dialog.open) dialog.close();
    state.opener?.focus();
  }

  async function requestClose() {
    if (state.dirty && !(await confirm(`Discard your unsaved edits to ${state.ns}/${state.name}?`, { confirm: 'Discard edits', cancel: 'Keep editing' }))) {
      return;
    }
    finish();
  }

  async function open(ns, name, opener) {
    try {
      const [type, providers] = await Promise.all([api.request('GET', typePath(ns, name)), loadProviders()]);
      Object.assign(state, { ns, name, providers, generation: type.generation, base: normalizeSpec(type.spec), dirty: false, opener: opener ?? state.opener });
      state.ticket++;
      fill(state.base);
      setText($('#editor-title'), `Edit ${ns}/${name}`);
      setText($('#editor-status'), '');
      $('#editor-reload').hidden = true;
      $('#editor-overwrite').hidden = true;
      $('#yaml').hidden = true;
      renderProblems(state, [], []);
      if (!dialog.open) dialog.showModal();
      $('.provider-select', $('#chain')).focus();
      validateNow(state, api);
    } catch (error) {
      notify(`Cannot edit ${ns}/${name}: ${errorText(error)}`);
    }
  }

  const form = $('#editor-form');
  form.addEventListener('click', onClick);
  form.addEventListener('input', edited);
  form.addEventListener('change', onChange);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    save(state, api, confirm);
  });
  $('#copy-yaml').addEventListener('click', () => copyYaml(state));
  $('#editor-close').replaceChildren(icon('close'));
  $('#editor-close').addEventListener('click', requestClose);
  $('#editor-reload').addEventListener('click', () => open(state.ns, state.name));
  $('#editor-overwrite').addEventListener('click', () => save(state, api, confirm, { overwrite: true }));
  dialog.addEventListener('cancel', (event) => { // Escape
    event.preventDefault();
    requestClose();
  });

  return { open, get isOpen() { return dialog.open; } };
}
