// Whether what the page shows can be trusted, said in words: the live stream, the dashboard's own
// watches on the Kubernetes API, and whether the operator (which acts on actions) answers.

import { $, setText } from './dom.js';
import { errorText } from './format.js';

const POLL_MS = 10000;

/** deps: {api, onStale(stale)}: stale while the rows may be out of date. */
export function createStatus({ api, onStale }) {
  let stream = 'connecting';
  let lostAt = null;
  let server = { kubernetes: { ok: true }, operator: { ok: true } };
  let serverError = null;
  let timer = 0;

  function render() {
    const kubernetesOk = server.kubernetes?.ok !== false && !serverError;
    const live = stream === 'live' && kubernetesOk;
    const badge = $('#live');
    badge.classList.toggle('on', live);
    badge.classList.toggle('stale', !live && stream !== 'connecting');
    setText(badge, live ? 'live' : stream === 'connecting' ? 'connecting' : 'stale');
    const lines = [];
    if (stream === 'lost') lines.push(`Live updates lost at ${lostAt.toLocaleTimeString()}; reconnecting. The agents below may be out of date.`);
    if (serverError) lines.push(`The dashboard does not answer: ${errorText(serverError)}`);
    else {
      if (server.kubernetes?.ok === false) lines.push(`${capital(server.kubernetes.message)}. The agents below may be out of date.`);
      if (server.operator?.ok === false) lines.push(`${capital(server.operator.message)}.`);
    }
    const banner = $('#status-banner');
    setText(banner, lines.join(' '));
    banner.hidden = lines.length === 0;
    banner.classList.toggle('warning', lines.length > 0);
    onStale(stream !== 'live' || !kubernetesOk);
  }

  const capital = (text) => (text ? text[0].toUpperCase() + text.slice(1) : '');

  async function poll() {
    clearTimeout(timer);
    try {
      server = await api.request('GET', '/api/v1/status');
      serverError = null;
    } catch (error) {
      serverError = error.status === 401 ? null : error;
    }
    render();
    timer = setTimeout(poll, document.hidden ? POLL_MS * 3 : POLL_MS);
  }

  return {
    poll,
    streamOpen() {
      stream = 'live';
      lostAt = null;
      render();
      poll();
    },
    streamLost() {
      if (stream !== 'lost') lostAt = new Date();
      stream = 'lost';
      render();
    },
    /** Words for an action's pending state: why nothing may act on it, or ''. */
    operatorProblem() {
      return server.operator?.ok === false ? server.operator.message : '';
    },
  };
}
