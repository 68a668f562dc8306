// One agent's own view (/agents/{namespace}/{name}): its state, conditions, the ledger of its
// provider events and its Kubernetes Events, kept live as the agent changes.

import { $, el, iconButton, setText } from './dom.js';
import { agentPath } from './api.js';
import { cooldownText, errorText, formatTime, lastFailureText, notReadyWords } from './format.js';
import { keyOf } from './view-state.js';
import { createBadge, renderBadge, renderToggle } from './agent-row.js';

const PAGE = 50;

/** deps: {store, api, actions} */
export function createAgentView({ store, api, actions }) {
  let shown = null; // {namespace, name, key, generation, newestSeq, nextBefore, detail}
  let refreshTimer = 0;
  const badge = createBadge();
  const toggle = iconButton('pause', 'pause', 'Pause');
  const reset = iconButton('reset', 'reset', 'Reset to tier 1');
  const pending = el('span', { class: 'pending', hidden: true });
  $('#agent-actions').replaceChildren(pending, toggle, reset);
  setText($('#agent-back'), 'All agents');

  function fact(term, ...value) {
    return [el('dt', { text: term }), el('dd', {}, ...value)];
  }

  function renderFacts() {
    const item = store.agents.get(shown.key) ?? shown.detail?.item;
    if (!item) return;
    const state = item.providerState ?? {};
    const detail = shown.detail ?? {};
    renderBadge(badge, item);
    renderToggle(toggle, item);
    toggle.hidden = false;
    reset.setAttribute('aria-label', `Reset ${item.name} to tier 1`);
    reset.title = `Reset ${item.name} to tier 1`;
    const notReady = item.status?.ready === 'False';
    $('#agent-not-ready').hidden = !notReady;
    setText($('#agent-not-ready'), notReady ? `Not ready (${notReadyWords(item.status)}): ${item.status.message ?? ''}` : '');
    const cooldown = cooldownText(state, Date.now());
    $('#agent-facts').replaceChildren(
      ...fact('State', badge),
      ...fact('Provider / model', state.provider ? `${state.provider} / ${state.model ?? ''}` : 'none'),
      ...fact('Cooldown', cooldown.text || 'none'),
      ...fact('Last failure', lastFailureText(state, Date.now()) || 'none'),
      ...fact('Type', item.type ?? 'none'),
      ...fact('Switch mode', detail.switchMode ?? 'Restart'),
      ...fact('Replicas', String(detail.replicas ?? 1)),
      ...fact('Chain', item.chain?.length ? item.chain.map((e, i) => `${i + 1}. ${e.provider} / ${e.model}`).join('   ') : 'none'));
    const slow = actions.pendingOf(shown.key);
    pending.hidden = !slow;
    setText(pending, slow ? (slow.slow ? `${slow.doing}: not acted on yet` : `${slow.doing}…`) : '');
  }

  function renderConditions() {
    $('#agent-conditions tbody').replaceChildren(...(shown.detail?.conditions ?? []).map((c) => el('tr', {},
      el('td', { text: c.type ?? '' }), el('td', { text: c.status ?? '' }), el('td', { text: c.reason ?? '' }),
      el('td', { text: c.message ?? '' }), el('td', { text: formatTime(c.lastTransitionTime) }))));
  }

  async function loadDetail(generation) {
    try {
      const detail = await api.request('GET', agentPath(shown.namespace, shown.name));
      if (generation !== shown?.generation) return;
      shown.detail = detail;
      renderFacts();
      renderConditions();
    } catch (error) {
      if (generation !== shown?.generation) return;
      setText($('#agent-title'), error.status === 404 ? `${shown.name}: no such agent` : shown.name);
      $('#agent-not-ready').hidden = false;
      setText($('#agent-not-ready'), errorText(error));
    }
  }

  function ledgerRow(item) {
    return el('tr', { class: `ledger-event event-${item.event}`, 'data-seq': item.seq },
      el('td', { class: 'time', text: formatTime(item.time), title: item.time ?? '' }),
      el('td', { class: 'event', text: item.event ?? '' }),
      el('td', { class: 'tiers', text: `${item.fromTier ?? '-'} to ${item.toTier ?? '-'}` }),
      el('td', { class: 'kind', text: item.kind ?? '' }),
      el('td', { class: 'actor', text: item.actor ?? '' }),
      el('td', { class: 'message', text: item.message ?? '' }));
  }

  /** older: the next page down; otherwise the newest page, whose events not yet shown go on top. */
  async function loadLedger(generation, older) {
    const query = new URLSearchParams({ limit: String(PAGE) });
    if (older && shown.nextBefore != null) query.set('before', String(shown.nextBefore));
    const button = $('#ledger-older');
    button.disabled = true;
    try {
      const page = await api.request('GET', `${agentPath(shown.namespace, shown.name)}/provider-events?${query}`);
      if (generation !== shown?.generation) return;
      const body = $('#ledger-events tbody');
      const items = page.items || [];
      if (older) {
        body.append(...items.map(ledgerRow));
        shown.nextBefore = page.nextBefore ?? null;
      } else {
        const fresh = items.filter((item) => shown.newestSeq == null || item.seq > shown.newestSeq);
        body.prepend(...fresh.map(ledgerRow));
        if (shown.newestSeq == null) shown.nextBefore = page.nextBefore ?? null;
      }
      if (items.length) shown.newestSeq = Math.max(shown.newestSeq ?? 0, ...items.map((item) => item.seq));
      button.hidden = shown.nextBefore == null;
      $('#ledger-empty').hidden = body.rows.length > 0;
      setText($('#ledger-empty'), 'No provider events recorded.');
    } catch (error) {
      if (generation !== shown?.generation) return;
      $('#ledger-empty').hidden = false;
      setText($('#ledger-empty'), `Provider events unavailable: ${errorText(error)}`);
    } finally {
      button.disabled = false;
    }
  }

  async function loadEvents(generation) {
    try {
      const events = await api.request('GET', `${agentPath(shown.namespace, shown.name)}/events`);
      if (generation !== shown?.generation) return;
      const items = events.items || [];
      $('#k8s-events tbody').replaceChildren(...items.map((e) => el('tr', { class: `k8s-event type-${e.type}` },
        el('td', { text: formatTime(e.time) }), el('td', { text: e.type ?? '' }), el('td', { text: e.reason ?? '' }),
        el('td', { text: e.message ?? '' }), el('td', { text: String(e.count ?? 1) }))));
      $('#k8s-events-empty').hidden = items.length > 0;
      setText($('#k8s-events-empty'), 'No Kubernetes Events about this agent (they expire after an hour).');
    } catch (error) {
      if (generation !== shown?.generation) return;
      $('#k8s-events-empty').hidden = false;
      setText($('#k8s-events-empty'), `Kubernetes Events unavailable: ${errorText(error)}`);
    }
  }

  function refreshSoon() {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => {
      if (!shown) return;
      loadDetail(shown.generation);
      loadLedger(shown.generation, false);
      loadEvents(shown.generation);
    }, 250);
  }

  function runAction(button, action) {
    const item = store.agents.get(shown?.key);
    if (item && button.getAttribute('aria-disabled') !== 'true') actions.run(item, action);
  }

  toggle.addEventListener('click', () => runAction(toggle, store.agents.get(shown?.key)?.providerState?.paused ? 'unpause' : 'pause'));
  reset.addEventListener('click', () => runAction(reset, 'reset-tier'));
  $('#ledger-older').addEventListener('click', () => shown && loadLedger(shown.generation, true));
  store.subscribe((change) => {
    if (!shown) return;
    if (change.kind === 'reset' || change.key === shown.key) {
      renderFacts();
      refreshSoon();
    }
  });
  actions.onChange((key) => { if (shown?.key === key) renderFacts(); });

  return {
    get shown() {
      return shown;
    },
    show(namespace, name) {
      const generation = (shown?.generation ?? 0) + 1;
      shown = { namespace, name, key: keyOf({ namespace, name }), generation, newestSeq: null, nextBefore: null, detail: null };
      setText($('#agent-title'), `${name}`);
      $('#agent-title').append(el('span', { class: 'muted title-namespace', text: ` in ${namespace}` }));
      $('#agent-facts').replaceChildren();
      $('#agent-conditions tbody').replaceChildren();
      $('#ledger-events tbody').replaceChildren();
      $('#k8s-events tbody').replaceChildren();
      $('#ledger-empty').hidden = true;
      $('#k8s-events-empty').hidden = true;
      $('#ledger-older').hidden = true;
      $('#agent-not-ready').hidden = true;
      toggle.hidden = true;
      renderFacts();
      loadDetail(generation);
      loadLedger(generation, false);
      loadEvents(generation);
    },
    hide() {
      shown = null;
      clearTimeout(refreshTimer);
    },
    tick() {
      if (shown) renderFacts();
    },
  };
}
