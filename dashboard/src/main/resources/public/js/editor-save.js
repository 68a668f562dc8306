// The editor's form read back into a spec (keeping every field it does not show),
// validated by the dashboard, saved, or copied as YAML.

import { $, $$, el, setText } from './dom.js';
import { api, errorText, typePath } from './api.js';
import { TRIGGERS, editor, providerByName, chainRows, triggerBox } from './editor.js';
import { toYaml } from './yaml.js';

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

export async function validateNow() {
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

export function renderProblems(problems, warnings) {
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

export async function save(event) {
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

export function copyYaml() {
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
