// The agents list: rows kept in the view's order, filtered and searched, the counts above it, the
// selection and its bulk actions. Rows are updated in place, so 2,000 agents stay cheap.

import { $, $$, el, icon, setAttr, setText } from './dom.js';
import { plural } from './format.js';
import { comparator, countStates, keyOf, matches, pageTitle } from './view-state.js';
import { rowMaker, updateRow, renderPending, renderCooldown, renderLastFailure } from './agent-row.js';
import { ACTIONS } from './actions.js';

const FIRST_ROWS = 100;
const ROWS_PER_FRAME = 400;
const SORT_LABELS = { name: 'name', namespace: 'namespace', type: 'type', tier: 'tier', provider: 'provider / model',
  cooldown: 'cooldown', lastFailure: 'last failure' };

/** deps: {store, actions, confirm(message, options), notify, onView(change) to change the URL's view} */
export function createAgentList({ store, actions, confirm, notify, onView }) {
  const rows = new Map();
  const countdowns = new Set();
  const selected = new Set();
  let order = [];
  let view = null;
  let compare = comparator({ sort: 'name', dir: 'asc' });
  let stale = false;
  let ticks = 0;
  let optionsFrame = 0;
  let attached = 0;
  let attachFrame = 0;
  const body = $('#agents tbody');
  const createRow = rowMaker();

  for (const th of $$('#agents th[data-sort]')) {
    const key = th.dataset.sort;
    th.replaceChildren(el('button', { type: 'button', class: 'sort', 'data-sort': key }, SORT_LABELS[key], icon('down')));
  }

  function draw(rec, item) {
    if (updateRow(rec, item, actions.pendingOf(rec.key), Date.now())) countdowns.add(rec);
    else countdowns.delete(rec);
    rec.cells.select.checked = selected.has(rec.key);
  }

  // The first rows go in at once, the rest a chunk per frame: with 2,000 agents the first screenful
  // is painted without waiting for the layout of every row. order[0..attached) are in the table.
  function rebuild() {
    body.replaceChildren();
    rows.clear();
    countdowns.clear();
    cancelAnimationFrame(attachFrame);
    attached = 0;
    for (const key of [...selected]) if (!store.agents.has(key)) selected.delete(key);
    order = [...store.agents.values()].sort(compare).map((item) => {
      const rec = createRow(item);
      rows.set(rec.key, rec);
      draw(rec, item);
      rec.tr.hidden = !matches(item, view);
      return rec;
    });
    attachMore(FIRST_ROWS);
    afterChange();
  }

  function attachMore(count) {
    const end = Math.min(order.length, attached + count);
    const fragment = document.createDocumentFragment();
    for (let i = attached; i < end; i++) fragment.append(order[i].tr);
    body.append(fragment);
    attached = end;
    attachFrame = attached < order.length ? requestAnimationFrame(() => attachMore(ROWS_PER_FRAME)) : 0;
  }

  function place(rec) {
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(order[mid].data, rec.data) < 0) lo = mid + 1;
      else hi = mid;
    }
    order.splice(lo, 0, rec);
    if (lo < attached || attached === order.length - 1) { // among the rows in the table: put it in its place
      body.insertBefore(rec.tr, order[lo + 1]?.tr ?? null);
      attached++;
    } // else the next chunk brings it in order
  }

  function unplace(rec) {
    const index = order.indexOf(rec);
    order.splice(index, 1);
    if (index < attached) attached--;
    rec.tr.remove();
  }

  function upsert(item) {
    let rec = rows.get(keyOf(item));
    actions.seen(item);
    if (!rec) {
      rec = createRow(item);
      rows.set(rec.key, rec);
      draw(rec, item);
      place(rec);
    } else {
      const before = rec.data;
      draw(rec, item);
      if (compare(before, item) !== 0 || compare(item, before) !== 0) { // its sort value changed
        const focused = rec.tr.contains(document.activeElement) ? document.activeElement : null;
        unplace(rec);
        place(rec);
        focused?.focus(); // moving the row must not take the keyboard user's place away
      }
    }
    rec.tr.hidden = !matches(item, view);
    afterChange();
  }

  function remove(key) {
    const rec = rows.get(key);
    if (!rec) return;
    unplace(rec);
    rows.delete(key);
    countdowns.delete(rec);
    selected.delete(key);
    afterChange();
  }

  // Counts and "N of M" are drawn with the rows, never later: a number on screen is never a stale one.
  function afterChange() {
    renderSummary();
    renderShown();
    renderSelection();
    if (!optionsFrame) optionsFrame = requestAnimationFrame(syncFilterOptions);
  }

  function renderSummary() {
    const counts = store.counts;
    $('#summary').hidden = !store.loaded;
    setText($('#count-total'), plural(counts.total, 'agent'));
    setText($('#count-degraded'), `${counts.degraded} degraded`);
    setText($('#count-paused'), `${counts.paused} paused`);
    setText($('#count-not-ready'), `${counts['not-ready']} not ready`);
    for (const button of $$('#summary .count')) setAttr(button, 'aria-pressed', String((view?.state ?? '') === button.dataset.state));
    document.title = pageTitle(counts);
  }

  function shownRecs() {
    return order.filter((rec) => !rec.tr.hidden);
  }

  function renderShown() {
    const total = rows.size;
    const shown = shownRecs().length;
    const filtered = view && (view.q || view.ns || view.type || view.state);
    setText($('#shown-count'), !store.loaded ? '' : filtered ? `${shown} of ${plural(total, 'agent')} shown` : plural(total, 'agent'));
    const empty = $('#empty');
    empty.hidden = !store.loaded || shown > 0;
    setText(empty, total === 0 ? 'No agents yet: create an Agent and it appears here.' : 'No agent matches the search and filters.');
  }

  function renderSelection() {
    const shown = shownRecs();
    const chosen = shown.filter((rec) => selected.has(rec.key)).length;
    const all = $('#select-all');
    all.checked = chosen > 0 && chosen === shown.length;
    all.indeterminate = chosen > 0 && chosen < shown.length;
    $('#bulk-bar').hidden = selected.size === 0;
    setText($('#bulk-count'), `${plural(selected.size, 'agent')} selected`);
  }

  function syncFilterOptions() {
    optionsFrame = 0;
    const namespaces = new Set();
    const types = new Set();
    for (const item of store.agents.values()) {
      namespaces.add(item.namespace);
      if (item.type) types.add(item.type);
    }
    for (const type of store.types.values()) {
      namespaces.add(type.namespace);
      types.add(type.name);
    }
    syncOptions($('#filter-namespace'), namespaces, view?.ns);
    syncOptions($('#filter-type'), types, view?.type);
  }

  function syncOptions(select, values, chosen) {
    if (chosen) values.add(chosen); // never drop the user's choice under them
    const sorted = [...values].sort();
    const signature = sorted.join('\n');
    if (select.dataset.signature !== signature) {
      select.dataset.signature = signature;
      select.replaceChildren(el('option', { value: '', text: 'all' }), ...sorted.map((value) => el('option', { value, text: value })));
    }
    select.value = chosen ?? '';
  }

  function renderSortHeaders() {
    for (const th of $$('#agents th[data-sort]')) {
      const active = th.dataset.sort === view.sort;
      setAttr(th, 'aria-sort', active ? (view.dir === 'desc' ? 'descending' : 'ascending') : null);
      th.classList.toggle('sorted-desc', active && view.dir === 'desc');
    }
  }

  async function bulk(action) {
    const targets = [...selected].map((key) => store.agents.get(key)).filter(Boolean);
    if (!targets.length) return;
    const words = ACTIONS[action];
    const names = targets.slice(0, 5).map((agent) => agent.name).join(', ') + (targets.length > 5 ? ', …' : '');
    const question = `${words.verb} ${plural(targets.length, 'agent')}? (${names})`;
    if (!(await confirm(question, { confirm: `${words.verb} ${plural(targets.length, 'agent')}` }))) return;
    const results = [];
    const queue = [...targets];
    const worker = async () => {
      while (queue.length) {
        const agent = queue.shift();
        results.push({ agent, ...(await actions.run(agent, action, { quiet: true })) });
      }
    };
    await Promise.all(Array.from({ length: Math.min(6, targets.length) }, worker));
    const failed = results.filter((result) => !result.ok);
    if (failed.length === 0) notify(`${words.verb}: asked for ${plural(results.length, 'agent')}.`);
    else notify(`${words.verb}: ${results.length - failed.length} of ${results.length} asked; ${failed.length} refused: `
      + `${failed[0].agent.name}: ${failed[0].error.message}`);
    selected.clear();
    for (const rec of rows.values()) rec.cells.select.checked = false;
    renderSelection();
  }

  function onClick(event) {
    const target = event.target;
    const rec = rows.get(target.closest('tr')?.dataset.agent);
    if (!rec) return;
    if (target.matches('.select-agent')) {
      if (target.checked) selected.add(rec.key);
      else selected.delete(rec.key);
      renderSelection();
      return;
    }
    const button = target.closest('button');
    if (!button || button.getAttribute('aria-disabled') === 'true') return;
    const agent = store.agents.get(rec.key);
    if (button.classList.contains('reset')) actions.run(agent, 'reset-tier');
    else if (button.classList.contains('pause')) actions.run(agent, 'pause');
    else if (button.classList.contains('resume')) actions.run(agent, 'unpause');
  }

  function bind() {
    body.addEventListener('click', onClick);
    $('#agents thead').addEventListener('click', (event) => {
      const button = event.target.closest('button.sort');
      if (!button) return;
      const key = button.dataset.sort;
      onView({ sort: key, dir: view.sort === key && view.dir === 'asc' ? 'desc' : 'asc' });
    });
    $('#select-all').addEventListener('change', (event) => {
      for (const rec of shownRecs()) {
        if (event.target.checked) selected.add(rec.key);
        else selected.delete(rec.key);
        rec.cells.select.checked = event.target.checked;
      }
      renderSelection();
    });
    $('#bulk-pause').addEventListener('click', () => bulk('pause'));
    $('#bulk-resume').addEventListener('click', () => bulk('unpause'));
    $('#bulk-reset').addEventListener('click', () => bulk('reset-tier'));
    $('#bulk-clear').addEventListener('click', () => {
      selected.clear();
      for (const rec of rows.values()) rec.cells.select.checked = false;
      renderSelection();
    });
    for (const button of $$('#summary .count')) button.addEventListener('click', () => onView({ state: button.dataset.state }));
  }

  bind();
  store.subscribe((change) => {
    if (change.kind === 'reset') rebuild();
    else if (change.kind === 'agent') upsert(change.item);
    else if (change.kind === 'agent-deleted') remove(change.key);
    else if (!optionsFrame) optionsFrame = requestAnimationFrame(syncFilterOptions);
  });
  actions.onChange((key) => {
    const rec = rows.get(key);
    if (rec) renderPending(rec, actions.pendingOf(key));
  });

  return {
    /** Shows the view (from the URL): filters, search and sort. */
    setView(next) {
      const resort = !view || next.sort !== view.sort || next.dir !== view.dir;
      view = next;
      if ($('#search').value !== next.q) $('#search').value = next.q;
      $('#filter-state').value = next.state;
      $('#sort-select').value = next.sort;
      syncFilterOptions();
      if (resort) {
        compare = comparator(next);
        order.sort((a, b) => compare(a.data, b.data));
        cancelAnimationFrame(attachFrame);
        attached = 0;
        attachMore(order.length);
      }
      for (const rec of order) {
        const hide = !matches(rec.data, view);
        if (rec.tr.hidden !== hide) rec.tr.hidden = hide;
        if (hide) selected.delete(rec.key);
        rec.cells.select.checked = selected.has(rec.key);
      }
      renderSortHeaders();
      afterChange();
    },
    /** Marks the rows as possibly out of date (the live stream is down): countdowns stop. */
    setStale(value) {
      stale = value;
      $('#agents').classList.toggle('stale', value);
      setAttr($('#agents'), 'aria-busy', value ? 'true' : null);
    },
    tick() {
      if (stale) return;
      const now = Date.now();
      for (const rec of countdowns) if (!renderCooldown(rec, now)) countdowns.delete(rec);
      if (++ticks % 30 === 0) for (const rec of rows.values()) renderLastFailure(rec, now);
    },
  };
}
