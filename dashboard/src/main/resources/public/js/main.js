// The agents page: plain DOM, no framework. Every value from the API is rendered through
// textContent or attributes (never innerHTML), so the strict CSP and escaping both hold.
// This module boots the page and wires the event listeners; each part lives in its own module.

import { $ } from './dom.js';
import { api, errorText, showNotice } from './api.js';
import { app, applySession, showSignin, signIn, signOut, startApp } from './session.js';
import { onFilterChange, onAgentsClick } from './agents.js';
import { onTypesClick, refreshAllUsage } from './types.js';
import { loadLedgerPage, closeLedger } from './ledger.js';
import { editor, openEditor, closeEditor, onEditorClick, onEditorChange, markEdited } from './editor.js';
import { save, copyYaml } from './editor-save.js';

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
