// Who is signed in, and the sign-in form. Starting the page once signed in is the caller's business.

import { $ } from './dom.js';
import { errorText } from './format.js';

/** deps: {api, notify, onSignedIn(session, again)}: again is true when a session expired mid-use. */
export function createSession({ api, notify, onSignedIn }) {
  let started = false;

  function apply(session) {
    api.setCsrfToken(session.csrfToken || '');
    const demo = session.authMode === 'none';
    $('#user').textContent = demo ? 'anonymous (demo)' : session.user;
    $('#signout').hidden = demo;
  }

  function showSignin() {
    $('#app').hidden = true;
    $('#summary').hidden = true;
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
      const session = await api.request('POST', '/api/v1/session', { token: $('#token').value.trim() });
      $('#token').value = '';
      apply(session);
      $('#signin').hidden = true;
      onSignedIn(session, started);
      started = true;
    } catch (e) {
      error.textContent = errorText(e);
      error.hidden = false;
    } finally {
      button.disabled = false;
    }
  }

  async function signOut() {
    try {
      await api.request('DELETE', '/api/v1/session');
      location.reload();
    } catch (error) {
      notify(`Sign-out failed: ${errorText(error)}`);
    }
  }

  $('#signin').addEventListener('submit', signIn);
  $('#signout').addEventListener('click', signOut);

  return {
    showSignin,
    /** Resolves once signed in (at once with a live session), or shows the form. */
    async start() {
      try {
        const session = await api.request('GET', '/api/v1/session');
        apply(session);
        onSignedIn(session, false);
        started = true;
      } catch (error) {
        if (error.status === 401) showSignin();
        else notify(`Cannot reach the dashboard: ${errorText(error)}`);
      }
    },
  };
}
