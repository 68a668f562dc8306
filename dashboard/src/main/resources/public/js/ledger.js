// The ledger view: one agent's provider events, newest first, a page at a time.

import { $, el, setText, formatTime } from './dom.js';
import { api, errorText, agentPath, showNotice } from './api.js';

const ledger = { ns: null, name: null, nextBefore: null, generation: 0 };

export function openLedger(ns, name) {
  Object.assign(ledger, { ns, name, nextBefore: null, generation: ledger.generation + 1 });
  setText($('#ledger-title'), `Provider events · ${ns}/${name}`);
  $('#ledger-events tbody').replaceChildren();
  $('#ledger-empty').hidden = true;
  $('#ledger-older').hidden = true;
  $('#ledger').hidden = false;
  loadLedgerPage();
}

export function closeLedger() {
  ledger.generation++;
  $('#ledger').hidden = true;
}

export async function loadLedgerPage() {
  const generation = ledger.generation;
  const older = $('#ledger-older');
  const query = new URLSearchParams({ limit: '50' });
  if (ledger.nextBefore != null) query.set('before', String(ledger.nextBefore));
  older.disabled = true;
  try {
    const page = await api('GET', `${agentPath(ledger.ns, ledger.name)}/provider-events?${query}`);
    if (generation !== ledger.generation) return;
    const body = $('#ledger-events tbody');
    body.append(...(page.items || []).map(ledgerRow));
    ledger.nextBefore = page.nextBefore ?? null;
    older.hidden = ledger.nextBefore == null;
    $('#ledger-empty').hidden = body.rows.length > 0;
  } catch (error) {
    if (generation === ledger.generation) showNotice(`provider events: ${errorText(error)}`);
  } finally {
    older.disabled = false;
  }
}

function ledgerRow(item) {
  const tiers = `${item.fromTier ?? '–'} → ${item.toTier ?? '–'}`;
  return el('tr', { class: `ledger-event event-${item.event}`, 'data-seq': item.seq },
    el('td', { class: 'time', text: formatTime(item.time), title: item.time ?? '' }),
    el('td', { class: 'event', text: item.event ?? '' }),
    el('td', { class: 'tiers', text: tiers }),
    el('td', { class: 'kind', text: item.kind ?? '' }),
    el('td', { class: 'actor', text: item.actor ?? '' }),
    el('td', { class: 'message', text: item.message ?? '' }));
}
