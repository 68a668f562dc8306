// The agent types (chain, switch mode, validity said once) and their token budgets: usage now, when
// the window lets tokens go, and usage over time per provider as a small SVG chart.

import { $, el, setText, svgEl } from './dom.js';
import { typePath } from './api.js';
import { circuitText, errorText, formatTokens } from './format.js';
import { compareByNamespaceName, keyOf } from './view-state.js';
import { usageBars, usageSummary } from './chart.js';

const CHART = { width: 240, height: 48 };
const PROVIDER_CLASSES = ['series-1', 'series-2', 'series-3', 'series-4'];

/** deps: {store, api, openEditor(namespace, name, opener), notify(message)} */
export function createTypesPanel({ store, api, openEditor, notify = () => {} }) {
  const budgets = new Map();
  const sortedTypes = () => [...store.types.values()].sort(compareByNamespaceName);

  function validText(valid) {
    if (!valid) return 'not checked by the operator yet';
    if (valid.status === 'True') return 'valid';
    return `invalid: ${valid.message || valid.reason || valid.status}`;
  }

  // Types are few, so the list is simply rebuilt on each change.
  function renderList() {
    $('#agenttypes').replaceChildren(...sortedTypes().map((type) => el('li', { class: 'agenttype', 'data-agenttype': keyOf(type) },
      el('div', { class: 'type-head' },
        el('span', { class: 'type-name', text: keyOf(type) }),
        el('button', { type: 'button', class: 'edit', text: 'Edit', 'aria-label': `Edit ${keyOf(type)}` })),
      type.chain?.length
        ? el('ol', { class: 'chain-summary', 'aria-label': `Provider chain of ${type.name}` },
          ...type.chain.map((entry) => el('li', { text: `${entry.provider} / ${entry.model ?? ''}` })))
        : el('p', { class: 'chain-summary muted', text: 'no provider chain' }),
      el('p', { class: 'switch-mode muted', text: `switch mode: ${type.switchMode ?? 'Restart'}` }),
      el('p', { class: `valid valid-${(type.valid?.status || 'unknown').toLowerCase()}`, text: validText(type.valid) }),
      el('ul', { class: 'warnings' }, ...(type.warnings || []).map((w) => el('li', { class: 'warning', text: w }))),
      ...circuitsBlock(type))));
    tickCircuits();
  }

  // Type scope (SPEC section 10): each tier's circuit, with a countdown while open, and one button that
  // closes them all through the operator's action API, as the signed-in user.
  function circuitsBlock(type) {
    const circuits = type.circuits || [];
    if (!circuits.length) return [];
    const anyOpen = circuits.some((circuit) => circuit.state !== 'Closed');
    return [el('ul', { class: 'circuits', 'aria-label': `Circuits of ${type.name}` },
      ...circuits.map((circuit) => el('li', { class: 'circuit', 'data-tier': String(circuit.tier) }))),
    anyOpen ? el('button', { type: 'button', class: 'close-circuits', text: 'Close circuits',
      'aria-label': `Close circuits of ${keyOf(type)}` }) : null].filter(Boolean);
  }

  function tickCircuits() {
    const now = Date.now();
    for (const li of document.querySelectorAll('#agenttypes li.agenttype')) {
      const type = store.types.get(li.dataset.agenttype);
      for (const item of li.querySelectorAll('li.circuit')) {
        const circuit = type?.circuits?.find((c) => String(c.tier) === item.dataset.tier);
        if (!circuit) continue;
        const words = circuitText(circuit, now);
        setText(item, words.text);
        item.className = `circuit circuit-${words.state}`;
        item.title = words.title;
      }
    }
  }

  async function closeCircuits(type, button) {
    button.disabled = true;
    try {
      await api.request('POST', `${typePath(type.namespace, type.name)}/close-circuits`, {});
      setText(button, 'Closing…');
    } catch (error) {
      button.disabled = false;
      notify(`Close the circuits of ${type.name}: ${errorText(error)}`);
    }
  }

  function syncBudgets() {
    for (const [key, entry] of budgets) {
      if (!store.types.has(key)) {
        entry.li.remove();
        budgets.delete(key);
      }
    }
    const list = $('#budget-list');
    for (const type of sortedTypes()) {
      const key = keyOf(type);
      if (!budgets.has(key)) {
        budgets.set(key, createBudget(key));
        refresh(key);
      }
      list.append(budgets.get(key).li); // re-appending keeps the entries in order
    }
  }

  function createBudget(key) {
    const entry = {
      text: el('span', { class: 'budget-text', text: 'loading usage' }),
      meter: el('meter', { class: 'budget-meter', min: 0, hidden: true, 'aria-label': `Budget used by ${key}` }),
      window: el('span', { class: 'budget-window muted' }),
      chart: el('figure', { class: 'usage-chart', hidden: true }),
      historyNote: el('span', { class: 'history-note muted' }),
    };
    entry.li = el('li', { class: 'budget', 'data-agenttype': key }, el('span', { class: 'budget-name', text: key }),
      entry.text, entry.meter, entry.window, entry.chart, entry.historyNote);
    return entry;
  }

  async function refresh(key) {
    const entry = budgets.get(key);
    const type = store.types.get(key);
    if (!entry || !type) return;
    const path = typePath(type.namespace, type.name);
    // an operator without usage-history is asked again only every few minutes, not on every refresh
    const askHistory = !(entry.historyMissingUntil > Date.now());
    const [usage, history] = await Promise.allSettled([api.request('GET', `${path}/usage`),
      askHistory ? api.request('GET', `${path}/usage-history?hours=24`) : Promise.reject(entry.historyMissing)]);
    if (askHistory && history.status === 'rejected' && history.reason?.status === 404) {
      entry.historyMissing = history.reason;
      entry.historyMissingUntil = Date.now() + 300000;
    }
    if (usage.status === 'fulfilled') renderUsage(entry, usage.value);
    else {
      setText(entry.text, `usage unavailable: ${errorText(usage.reason)}`);
      entry.meter.hidden = true;
    }
    renderHistory(entry, history, usage.status === 'fulfilled' ? usage.value : null);
  }

  function renderUsage(entry, usage) {
    const used = usage.usedTokens ?? 0;
    const limit = usage.limitTokens;
    const hasBudget = limit != null;
    entry.li.classList.toggle('no-budget', !hasBudget);
    entry.li.classList.toggle('over', hasBudget && used >= limit);
    entry.meter.hidden = !hasBudget;
    if (!hasBudget) {
      setText(entry.text, `no budget · ${formatTokens(used)} tokens in 24 h`);
      setText(entry.window, '');
      return;
    }
    const span = usage.window === 'all' ? 'all time' : usage.window;
    setText(entry.text, `${formatTokens(used)} / ${formatTokens(limit)} tokens in ${span}`);
    setText(entry.window, usage.window === 'all' ? 'counted for ever: monitor only, it never trips'
      : `rolling window: tokens older than ${usage.window} stop counting`);
    Object.assign(entry.meter, { max: limit, low: limit * 0.75, high: limit * 0.9, optimum: 0, value: Math.min(used, limit) });
    entry.meter.title = `${Math.round((used / limit) * 100)} % of the budget`;
  }

  function renderHistory(entry, result, usage) {
    if (result.status === 'rejected') {
      entry.chart.hidden = true;
      const missing = result.reason?.status === 404 && usage;
      setText(entry.historyNote, missing ? 'usage over time: this operator does not offer it yet'
        : `usage over time unavailable: ${errorText(result.reason)}`);
      return;
    }
    const history = result.value;
    const resets = Date.parse(history.windowResetsAt);
    setText(entry.historyNote, Number.isNaN(resets) ? ''
      : `the oldest counted tokens leave the window at ${new Date(resets).toLocaleTimeString()}`);
    drawChart(entry.chart, history);
  }

  function drawChart(figure, history) {
    const { providers, bars, total } = usageBars(history, CHART.width, CHART.height);
    const summary = usageSummary(history, formatTokens);
    const svg = svgEl('svg', { viewBox: `0 0 ${CHART.width} ${CHART.height}`, role: 'img', 'aria-label': `Tokens per hour, last 24 h: ${summary}`, class: 'chart' },
      svgEl('title', { text: `Tokens per hour, last 24 h: ${summary}` }),
      svgEl('line', { x1: 0, y1: CHART.height - 0.5, x2: CHART.width, y2: CHART.height - 0.5, class: 'axis' }),
      ...bars.flatMap((bar) => bar.segments.map((segment) => svgEl('rect', {
        x: bar.x, y: segment.y, width: bar.width, height: Math.max(segment.height, 0.5),
        class: PROVIDER_CLASSES[providers.indexOf(segment.provider) % PROVIDER_CLASSES.length],
      }))));
    const legend = el('figcaption', { class: 'legend' }, ...providers.map((provider, i) => el('span', { class: 'legend-item' },
      el('span', { class: `swatch ${PROVIDER_CLASSES[i % PROVIDER_CLASSES.length]}`, 'aria-hidden': 'true' }), provider)));
    figure.replaceChildren(svg, total ? legend : el('figcaption', { class: 'muted', text: 'no tokens reported in the last 24 h' }));
    figure.hidden = false;
  }

  function onClick(event) {
    const close = event.target.closest('button.close-circuits');
    if (close) {
      const type = store.types.get(close.closest('li.agenttype').dataset.agenttype);
      if (type) closeCircuits(type, close);
      return;
    }
    const button = event.target.closest('button.edit');
    const type = button && store.types.get(button.closest('li').dataset.agenttype);
    if (type) openEditor(type.namespace, type.name, button);
  }

  $('#agenttypes').addEventListener('click', onClick);
  setInterval(tickCircuits, 1000);
  store.subscribe((change) => {
    if (change.kind === 'reset' || change.kind === 'type' || change.kind === 'type-deleted') {
      renderList();
      syncBudgets();
      if (change.kind === 'type' && change.previous) refresh(change.key); // its budget may have changed
    }
  });

  return {
    refreshAll() {
      for (const key of budgets.keys()) refresh(key);
    },
  };
}
