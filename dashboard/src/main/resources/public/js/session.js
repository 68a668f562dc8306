// The session: who is signed in, the sign-in form, and starting the page once signed in.

import { $ } from './dom.js';
import { api, errorText, setCsrfToken, showNotice } from './api.js';
import { replaceAgents, tick } from './agents.js';
import { replaceTypes, refreshAllUsage } from './types.js';
import { openStream } from './stream.js';

export const app = { started: false };

export function applySession(session) {
  setCsrfToken(session.csrfToken || '');
  const demo = session.authMode === 'none';
  $('#user').textContent = demo ? 'anonymous (demo)' : session.user;
  $('#signout').hidden = demo;
}

export function showSignin() {
  $('#app').hidden = true;
  $('#editor').hidden = true;
  $('#signin').hidden = false;
  $('#token').focus();
}

export async function signIn(event) {
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

export async function signOut() {
  try {
    await api('DELETE', '/api/v1/session');
    location.reload();
  } catch (error) {
    showNotice(`sign-out: ${errorText(error)}`);
  }
}

export async function startApp() {
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

export async function loadAll() {
  const [agentList, typeList] = await Promise.all([
    api('GET', '/api/v1/agents'), api('GET', '/api/v1/agenttypes')]);
  replaceTypes(typeList.items || []);
  replaceAgents(agentList.items || []);
}
