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

/**
 * Returns a function that makes a row for an agent. Rows are clones of one template built on first
 * use: cloning is several times cheaper than building 2,000 rows element by element.
 */
export function rowMaker() {
  let template = null;
  const build = () => el('tr', {},
    el('td', { class: 'select' }, el('input', { type: 'checkbox', class: 'select-agent' })),
    el('th', { class: 'name', scope: 'row' }, el('a', { class: 'agent-name' }), el('span', { class: 'not-ready', hidden: true })),
    el('td', { class: 'namespace', 'data-label': 'namespace' }),
    el('td', { class: 'type', 'data-label': 'type' }),
    el('td', { class: 'tier' }, createBadge(), el('span', { class: 'budget-mark', hidden: true }),
      el('span', { class: 'paused-reason' }), el('span', { class: 'pending', hidden: true })),
    el('td', { class: 'provider-model' }, el('span', { class: 'provider' }), el('span', { class: 'model' })),
    el('td', { class: 'cooldown', 'data-label': 'cooldown' }),
    el('td', { class: 'last-failure', 'data-label': 'last failure' }),
    el('td', { class: 'actions' }, iconButton('pause', 'pause', 'Pause'), iconButton('reset', 'reset', 'Reset')));

  return (agent) => {
    template ??= build();
    const tr = template.cloneNode(true);
    const [select, name, namespace, type, tier, providerModel, cooldown, lastFailure, actions] = tr.children;
    const cells = {
      select: select.firstChild, name: name.firstChild, notReady: name.lastChild, namespace, type,
      badge: tier.children[0], budgetMark: tier.children[1], pausedReason: tier.children[2], pending: tier.children[3],
      provider: providerModel.firstChild, model: providerModel.lastChild, cooldown, lastFailure,
      toggle: actions.firstChild, reset: actions.lastChild,
    };
    tr.dataset.agent = keyOf(agent);
    cells.select.setAttribute('aria-label', `Select ${agent.name}`);
    cells.name.href = agentUrl(agent.namespace, agent.name);
    setAttr(cells.toggle, 'aria-label', `Pause ${agent.name}`);
    setAttr(cells.toggle, 'title', `Pause ${agent.name}`);
    setAttr(cells.reset, 'aria-label', `Reset ${agent.name} to tier 1`);
    setAttr(cells.reset, 'title', `Reset ${agent.name} to tier 1`);
    return { key: keyOf(agent), tr, cells, data: null };
  };
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
  const budgetSpent = state.lastFailureKind === 'tokenBudget' && !isNotReady(agent);
  if (budgetSpent && !cells.budgetMark.firstChild) cells.budgetMark.append(icon('gauge', 'stepped down because the token budget was spent'));
  cells.budgetMark.hidden = !budgetSpent;
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
