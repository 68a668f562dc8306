// The editor's form read back into a spec, checked by the dashboard (the operator's own rules),
// saved, or copied as YAML; problems are named in the form's words and their fields marked.
// It works on the editor's state handed in, and imports nothing of editor.js.

import { $, $$, el, setText } from './dom.js';
import { typePath } from './api.js';
import { errorText, fieldLabel, pathsInWords } from './format.js';
import { collectSpec, editorWarnings, formTarget, TRIGGERS } from './spec.js';
import { toYaml } from './yaml.js';

const CONTROL_SELECTORS = {
  provider: '.provider-select', model: '.model-input', secretName: '.secret-name', secretKey: '.secret-key', baseUrl: '.base-url',
  cooldown: '#cooldown', onExhausted: '#on-exhausted', triggers: '#triggers', limitTokens: '#limit-tokens', window: '#window',
};

/** What the form holds, as spec.js reads it. */
export function readForm(state) {
  return {
    chain: $$('#chain .chain-row').map((row) => ({
      original: state.rowEntries.get(row) || {},
      provider: $('.provider-select', row).value,
      model: $('.model-input', row).value,
      secretName: $('.secret-name', row).value,
      secretKey: $('.secret-key', row).value,
      baseUrl: $('.base-url', row).value,
      needsCredentials: Boolean(state.providers.find((p) => p.name === $('.provider-select', row).value)?.needsCredentials),
    })),
    cooldown: $('#cooldown').value,
    onExhausted: $('#on-exhausted').value,
    triggers: TRIGGERS.filter((t) => $(`input.trigger[value="${t}"]`).checked),
    limitTokens: $('#limit-tokens').value,
    window: $('#window').value,
  };
}

export const currentSpec = (state) => collectSpec(state.base, readForm(state));

function controlFor(path) {
  const { tier, control } = formTarget(path);
  if (!control) return null;
  const root = tier == null ? document : $$('#chain .chain-row')[tier];
  return root ? $(CONTROL_SELECTORS[control], root) : null;
}

/** Lists the problems ("Tier 2 model: must not be empty") and marks each field it names. */
export function renderProblems(state, problems, warnings) {
  state.problems = problems;
  for (const marked of $$('#editor [aria-invalid="true"]')) {
    marked.removeAttribute('aria-invalid');
    marked.removeAttribute('aria-describedby');
    marked.classList.remove('invalid');
  }
  const box = $('#editor-problems');
  $('ul', box).replaceChildren(...problems.map((problem, i) => {
    const id = `problem-${i}`;
    const control = controlFor(problem.path);
    if (control) {
      control.setAttribute('aria-invalid', 'true');
      control.setAttribute('aria-describedby', id);
      control.classList.add('invalid');
    }
    return el('li', { class: 'problem', id, 'data-path': problem.path ?? '', text: problem.path ? `${fieldLabel(problem.path)}: ${pathsInWords(problem.message)}` : pathsInWords(problem.message) });
  }));
  box.hidden = problems.length === 0;
  const all = [...warnings, ...editorWarnings(currentSpec(state))];
  $('#editor-warnings').replaceChildren(...all.map((w) => el('li', { class: 'warning', text: w })));
  updateSaveButton(state);
}

function updateSaveButton(state) {
  $('#save').disabled = state.saving || state.problems.length > 0;
}

export async function validateNow(state, api) {
  clearTimeout(state.validateTimer);
  const ticket = ++state.ticket;
  try {
    const result = await api.request('POST', `${typePath(state.ns, state.name)}/validate`, { spec: currentSpec(state) });
    if (ticket !== state.ticket) return null;
    renderProblems(state, result.problems || [], result.warnings || []);
    return state.problems;
  } catch (error) {
    if (ticket === state.ticket) showSaveError(state, error, 'Not checked');
    return null;
  }
}

// Server refusals are shown without counting as validation problems, so Save stays usable.
function showSaveError(state, error, prefix) {
  const box = $('#editor-problems');
  for (const old of $$('li.save-error', box)) old.remove();
  const conflict = error.status === 409;
  const text = conflict ? `${error.message} Reload it (your edits are discarded) or overwrite it with your edits.`
    : `${prefix}: ${errorText(error)}`;
  $('ul', box).append(el('li', { class: 'save-error', text }));
  box.hidden = false;
  $('#editor-reload').hidden = !conflict;
  $('#editor-overwrite').hidden = !conflict;
  const control = error.field && controlFor(error.field);
  if (control) {
    control.setAttribute('aria-invalid', 'true');
    control.classList.add('invalid');
  }
}

/** Saves; with overwrite, on top of whatever is stored now (after a 409 the user chose to). */
export async function save(state, api, confirm, { overwrite = false } = {}) {
  if (state.saving) return;
  state.saving = true;
  updateSaveButton(state);
  const status = $('#editor-status');
  setText(status, 'checking');
  try {
    const problems = await validateNow(state, api);
    if (problems?.length) return setText(status, '');
    const spec = currentSpec(state);
    if (spec.failover?.triggers?.length === 0
        && !(await confirm('No trigger is ticked: agents of this type will never fail over. Save anyway?', { confirm: 'Save without triggers' }))) {
      return setText(status, '');
    }
    if (overwrite) state.generation = (await api.request('GET', typePath(state.ns, state.name))).generation;
    setText(status, 'saving');
    const result = await api.request('PUT', typePath(state.ns, state.name), { generation: state.generation, spec });
    state.generation = result.generation;
    state.base = spec;
    state.dirty = false;
    $('#editor-reload').hidden = true;
    $('#editor-overwrite').hidden = true;
    for (const old of $$('#editor-problems li.save-error')) old.remove();
    $('#editor-problems').hidden = state.problems.length === 0;
    setText(status, 'saved');
  } catch (error) {
    setText(status, '');
    showSaveError(state, error, `Not saved (${error.status ?? 'network'})`);
  } finally {
    state.saving = false;
    updateSaveButton(state);
  }
}

export function copyYaml(state) {
  const manifest = {
    apiVersion: 'agents.failover.io/v1alpha1',
    kind: 'AgentType',
    metadata: { name: state.name, namespace: state.ns },
    spec: currentSpec(state),
  };
  const text = toYaml(manifest);
  const area = $('#yaml');
  area.value = text;
  area.hidden = false;
  const status = $('#editor-status');
  if (!navigator.clipboard) return setText(status, 'YAML below (no clipboard access here)');
  return navigator.clipboard.writeText(text).then(
    () => setText(status, 'YAML copied to the clipboard'),
    () => setText(status, 'YAML below (the clipboard refused)'));
}
