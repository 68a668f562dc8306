// The agents page: plain DOM, no framework. Every value from the API is rendered through
// textContent or attributes (never innerHTML), so the strict CSP and escaping both hold.
// This module only wires the parts together and owns the address bar: the list's search, filters
// and sort live in the query string, an agent's own view at /agents/{namespace}/{name}.

import { $, confirmDialog, createNotices, icon } from './dom.js';
import { createApi } from './api.js';
import { errorText } from './format.js';
import { createStore } from './store.js';
import { openStream } from './stream.js';
import { createSession } from './session.js';
import { createStatus } from './status.js';
import { createActions } from './actions.js';
import { createAgentList } from './agents.js';
import { createTypesPanel } from './types.js';
import { createAgentView } from './agent-view.js';
import { createEditor } from './editor.js';
import { agentFromPath, parseView, viewQuery } from './view-state.js';

function boot() {
  const api = createApi();
  $('#notice .notice-close').append(icon('close'));
  const notify = createNotices($('#notice'));
  const confirm = (message, options) => confirmDialog($('#confirm'), message, options);
  const store = createStore();
  const status = createStatus({ api, onStale: (stale) => list.setStale(stale) });
  const actions = createActions({ api, notify, operatorProblem: status.operatorProblem, lookup: (key) => store.agents.get(key) });
  const list = createAgentList({ store, actions, confirm, notify, onView: (change) => changeView(change) });
  const editor = createEditor({ api, notify, confirm });
  const types = createTypesPanel({ store, api, openEditor: editor.open, notify });
  const agentView = createAgentView({ store, api, actions });
  let listQuery = location.search;
  let cameFromList = false;
  let returnTo = null; // the agent whose row gets the focus back when the list shows again

  function route() {
    const agent = agentFromPath(location.pathname);
    $('#list-view').hidden = Boolean(agent);
    $('#agent-view').hidden = !agent;
    if (agent) {
      agentView.show(agent.namespace, agent.name);
      $('#agent-title').focus();
    } else {
      agentView.hide();
      listQuery = location.search;
      list.setView(parseView(location.search));
      if (returnTo) $(`tr[data-agent="${CSS.escape(returnTo)}"] a.agent-name`)?.focus();
    }
    returnTo = null;
  }

  function changeView(change) {
    const next = { ...parseView(listQuery), ...change };
    listQuery = viewQuery(next);
    history.replaceState(null, '', `/${listQuery}`);
    list.setView(next);
  }

  function openAgent(url) {
    cameFromList = !agentFromPath(location.pathname);
    history.pushState(null, '', url);
    route();
  }

  function backToList() {
    returnTo = agentView.shown?.key ?? null;
    if (cameFromList) history.back(); // the list shows on popstate, which comes later
    else {
      history.pushState(null, '', `/${listQuery}`);
      route();
    }
    cameFromList = false;
  }

  function bindNavigation() {
    document.addEventListener('click', (event) => {
      const link = event.target.closest('a[href]');
      if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const url = new URL(link.href, location.href);
      if (url.origin !== location.origin) return;
      if (link.id === 'agent-back') {
        event.preventDefault();
        backToList();
      } else if (agentFromPath(url.pathname)) {
        event.preventDefault();
        openAgent(url.pathname);
      } else if (link.id === 'home') {
        event.preventDefault();
        history.pushState(null, '', '/');
        route();
      }
    });
    window.addEventListener('popstate', route);
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !$('#agent-view').hidden && !document.querySelector('dialog[open]')) backToList();
    });
    let searchTimer = 0;
    $('#search').addEventListener('input', (event) => {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(() => changeView({ q: event.target.value.trim() }), 150);
    });
    $('#filter-namespace').addEventListener('change', (event) => changeView({ ns: event.target.value }));
    $('#filter-type').addEventListener('change', (event) => changeView({ type: event.target.value }));
    $('#filter-state').addEventListener('change', (event) => changeView({ state: event.target.value }));
    $('#sort-select').addEventListener('change', (event) => changeView({ sort: event.target.value, dir: 'asc' }));
  }

  async function loadAll() {
    const [agentList, typeList] = await Promise.all([
      api.request('GET', '/api/v1/agents'), api.request('GET', '/api/v1/agenttypes')]);
    store.replaceAll(agentList.items || [], typeList.items || []);
  }

  function connect() {
    openStream({
      agent: store.upsertAgent,
      'agent-deleted': store.removeAgent,
      agenttype: store.upsertType,
      'agenttype-deleted': store.removeType,
    }, {
      // The replay brings every current agent, but not the deletions missed while disconnected.
      onOpen: (reopened) => {
        status.streamOpen();
        if (reopened) loadAll().catch((error) => notify(`Reloading the agents failed: ${errorText(error)}`));
      },
      onLost: status.streamLost,
      onClosed: async () => {
        status.streamLost();
        try {
          await api.request('GET', '/api/v1/session');
          setTimeout(connect, 5000);
        } catch (error) {
          if (error.status === 401) session.showSignin();
          else setTimeout(connect, 5000);
        }
      },
    });
  }

  async function start(again) {
    if (again) {
      location.reload(); // after a session expired mid-use, a fresh page is simpler than re-arming every timer
      return;
    }
    $('#app').hidden = false;
    route();
    try {
      await loadAll();
    } catch (error) {
      if (error.status === 401) return session.showSignin();
      notify(`Loading the agents failed: ${errorText(error)}`);
    }
    connect();
    status.poll();
    setInterval(() => {
      list.tick();
      agentView.tick();
    }, 1000);
    setInterval(() => { if (!document.hidden) types.refreshAll(); }, 10000);
    document.addEventListener('visibilitychange', () => { if (!document.hidden) types.refreshAll(); });
  }

  const session = createSession({ api, notify, onSignedIn: (_, again) => start(again) });
  bindNavigation();
  session.start();
}

document.addEventListener('DOMContentLoaded', boot);
