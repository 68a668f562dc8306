// The live stream: Server-Sent Events that keep the agents and types current.

import { $, setText } from './dom.js';
import { api, errorText, showNotice } from './api.js';
import { upsertAgent, removeAgent } from './agents.js';
import { upsertType, removeType } from './types.js';
import { loadAll, showSignin } from './session.js';

const stream = { opened: false };

export function openStream() {
  const source = new EventSource('/api/v1/stream');
  source.addEventListener('open', onStreamOpen);
  source.addEventListener('error', () => onStreamError(source));
  onStreamEvent(source, 'agent', upsertAgent);
  onStreamEvent(source, 'agent-deleted', removeAgent);
  onStreamEvent(source, 'agenttype', upsertType);
  onStreamEvent(source, 'agenttype-deleted', removeType);
}

function onStreamEvent(source, name, handler) {
  source.addEventListener(name, (event) => {
    let data;
    try {
      data = JSON.parse(event.data);
    } catch {
      return;
    }
    handler(data);
  });
}

function setLive(live) {
  const badge = $('#live');
  badge.classList.toggle('on', live);
  setText(badge, live ? 'live' : 'reconnecting…');
}

function onStreamOpen() {
  setLive(true);
  // The replay brings every current agent, but not the deletions missed while disconnected.
  if (stream.opened) loadAll().catch((error) => showNotice(`reloading agents: ${errorText(error)}`));
  stream.opened = true;
}

function onStreamError(source) {
  setLive(false);
  // EventSource retries network errors itself but gives up on an HTTP error answer (e.g. 401).
  if (source.readyState === EventSource.CLOSED) setTimeout(reconnect, 5000);
}

async function reconnect() {
  try {
    await api('GET', '/api/v1/session');
    openStream();
  } catch (error) {
    if (error.status === 401) showSignin();
    else setTimeout(reconnect, 5000);
  }
}
