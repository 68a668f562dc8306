// One agent as a table row (a card at phone width): built once, then updated in place, touching
// only what changed. The tier badge and the action buttons are shared with the agent's own view.

import { el, icon, iconButton, setAttr, setIconButton, setText } from './dom.js';
import { badgeInfo, cooldownText, lastFailureText, notReadyWords, isNotReady } from './format.js';
import { agentUrl, keyOf } from './view-state.js';

/** A badge element; fill it with renderBadge. */
export function createBadge() {
  return el('span', { class: 'tier-badge' }, el('span', { class: 'badge-text', 'aria-hidden': 'true' }),
    el('span', { class: 'sr-only badge-label' }));
}

const BADGE_ICONS = { paused: 'pause', 'not-ready': 'warning' };

export function renderBadge(badge, agent) {
  const info = badgeInfo(agent);
  const data = info.kind === 'tier' ? info.text : info.kind;
  if (badge.dataset.badge !== data) {
    badge.dataset.badge = data;
    badge.className = `tier-badge ${info.cls}`;
    const text = badge.firstChild;
    text.replaceChildren(...(BADGE_ICONS[info.kind] ? [icon(BADGE_ICONS[info.kind]), ` ${info.text}`] : [info.text]));
  }
  setText(badge.lastChild, info.label);
  setAttr(badge, 'title', info.label);
}

/** The pause-or-resume button keeps its element (and so the keyboard focus) when it turns into the other. */
export function renderToggle(button, agent) {
  const paused = Boolean(agent.providerState?.paused);
  const label = `${paused ? 'Resume' : 'Pause'} ${agent.name}`;
  if (button.getAttribute('aria-label') !== label) setIconButton(button, paused ? 'resume' : 'pause', paused ? 'play' : 'pause', label);
}

export function createRow(agent) {
  const name = agent.name;
  const cells = {
    select: el('input', { type: 'checkbox', class: 'select-agent', 'aria-label': `Select ${name}` }),
    name: el('a', { class: 'agent-name', href: agentUrl(agent.namespace, name) }),
    notReady: el('span', { class: 'not-ready', hidden: true }),
    namespace: el('td', { class: 'namespace', 'data-label': 'namespace' }),
    type: el('td', { class: 'type', 'data-label': 'type' }),
    badge: createBadge(),
    budgetMark: el('span', { class: 'budget-mark', hidden: true }, icon('gauge', 'stepped down because the token budget was spent')),
    pausedReason: el('span', { class: 'paused-reason' }),
    pending: el('span', { class: 'pending', hidden: true }),
    provider: el('span', { class: 'provider' }),
    model: el('span', { class: 'model' }),
    cooldown: el('td', { class: 'cooldown', 'data-label': 'cooldown' }),
    lastFailure: el('td', { class: 'last-failure', 'data-label': 'last failure' }),
    toggle: iconButton('pause', 'pause', `Pause ${name}`),
    reset: iconButton('reset', 'reset', `Reset ${name} to tier 1`),
  };
  const tr = el('tr', { 'data-agent': keyOf(agent) },
    el('td', { class: 'select' }, cells.select),
    el('th', { class: 'name', scope: 'row' }, cells.name, cells.notReady),
    cells.namespace,
    cells.type,
    el('td', { class: 'tier' }, cells.badge, cells.budgetMark, cells.pausedReason, cells.pending),
    el('td', { class: 'provider-model' }, cells.provider, cells.model),
    cells.cooldown,
    cells.lastFailure,
    el('td', { class: 'actions' }, cells.toggle, cells.reset));
  return { key: keyOf(agent), tr, cells, data: null };
}

/** Draws the agent into its row; returns whether its cooldown is counting down. */
export function updateRow(rec, agent, pending, now) {
  rec.data = agent;
  const { cells } = rec;
  const state = agent.providerState || {};
  setText(cells.name, agent.name);
  setText(cells.namespace, agent.namespace);
  setText(cells.type, agent.type ?? '');
  renderBadge(cells.badge, agent);
  cells.budgetMark.hidden = state.lastFailureKind !== 'tokenBudget' || isNotReady(agent);
  setText(cells.pausedReason, state.paused ? (state.pausedReason || '') : '');
  setText(cells.provider, isNotReady(agent) ? '' : state.provider ?? '');
  setText(cells.model, isNotReady(agent) ? '' : state.model ?? '');
  const notReady = isNotReady(agent);
  cells.notReady.hidden = !notReady;
  setText(cells.notReady, notReady ? notReadyWords(agent.status) : '');
  renderToggle(cells.toggle, agent);
  renderPending(rec, pending);
  renderLastFailure(rec, now);
  return renderCooldown(rec, now);
}

export function renderPending(rec, pending) {
  const { cells } = rec;
  cells.pending.hidden = !pending;
  setText(cells.pending, !pending ? '' : pending.slow ? `${pending.doing}: not acted on yet` : `${pending.doing}…`);
  rec.tr.classList.toggle('is-pending', Boolean(pending));
  setAttr(cells.toggle, 'aria-disabled', pending ? 'true' : null);
  setAttr(cells.reset, 'aria-disabled', pending ? 'true' : null);
}

export function renderCooldown(rec, now) {
  const { text, title, running } = cooldownText(rec.data.providerState, now);
  setText(rec.cells.cooldown, text);
  setAttr(rec.cells.cooldown, 'title', title || null);
  rec.cells.cooldown.classList.toggle('ready', !running && text !== '');
  return running;
}

export function renderLastFailure(rec, now) {
  const state = rec.data.providerState || {};
  setText(rec.cells.lastFailure, lastFailureText(state, now));
  const at = Date.parse(state.lastFailureAt);
  setAttr(rec.cells.lastFailure, 'title', state.lastFailureKind && !Number.isNaN(at) ? new Date(at).toLocaleString() : null);
}
