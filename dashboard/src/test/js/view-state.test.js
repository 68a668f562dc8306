import { test } from 'node:test';
import assert from 'node:assert/strict';
import { agentFromPath, agentUrl, comparator, countStates, matches, pageTitle, parseView, stateOf, viewQuery } from '../../main/resources/public/js/view-state.js';

const agent = (name, state = {}, extra = {}) => ({
  namespace: 'agents', name, type: 'coder', chain: [{ provider: 'anthropic', model: 'claude' }, { provider: 'deepseek', model: 'deepseek-chat' }],
  providerState: { tier: 1, provider: 'anthropic', model: 'claude', paused: false, ...state }, status: { ready: 'True' }, ...extra,
});

test('the view round-trips through the query string, defaults left out', () => {
  const view = parseView('?q=coder&state=degraded&sort=tier&dir=desc&ns=agents&type=coder');
  assert.deepEqual(view, { q: 'coder', ns: 'agents', type: 'coder', state: 'degraded', sort: 'tier', dir: 'desc' });
  assert.equal(viewQuery(view), '?q=coder&ns=agents&type=coder&state=degraded&sort=tier&dir=desc');
  assert.equal(viewQuery(parseView('')), '');
});

test('unknown values in the address fall back to the defaults', () => {
  assert.deepEqual(parseView('?state=bogus&sort=evil&dir=sideways'), { q: '', ns: '', type: '', state: '', sort: 'name', dir: 'asc' });
});

test('each agent has exactly one state; not ready outranks paused, paused outranks degraded', () => {
  assert.equal(stateOf(agent('a')), 'ok');
  assert.equal(stateOf(agent('a', { tier: 2 })), 'degraded');
  assert.equal(stateOf(agent('a', { tier: 2, paused: true })), 'paused');
  assert.equal(stateOf(agent('a', { paused: true }, { status: { ready: 'False' } })), 'not-ready');
  assert.deepEqual(countStates([agent('a'), agent('b', { tier: 2 }), agent('c', { paused: true })]),
    { total: 3, ok: 1, degraded: 1, paused: 1, 'not-ready': 0 });
});

test('search looks in names, type, provider and model, every word must match', () => {
  const view = parseView('?q=deepseek%20coder-2');
  assert.equal(matches(agent('coder-2'), view), true, 'deepseek is in the chain');
  assert.equal(matches(agent('coder-3'), view), false);
  assert.equal(matches(agent('coder-2'), parseView('?q=CODER-2')), true, 'case does not matter');
  assert.equal(matches(agent('coder-2', { tier: 2 }), parseView('?state=paused')), false);
  assert.equal(matches(agent('coder-2'), parseView('?ns=other')), false);
});

test('sorting by tier puts paused agents last and blanks last in both directions', () => {
  const list = [agent('p', { paused: true }), agent('b', { tier: 2 }), agent('a'), agent('n', { tier: null })];
  assert.deepEqual([...list].sort(comparator(parseView('?sort=tier'))).map((a) => a.name), ['a', 'b', 'p', 'n']);
  assert.deepEqual([...list].sort(comparator(parseView('?sort=tier&dir=desc'))).map((a) => a.name), ['p', 'b', 'a', 'n']);
});

test('ties fall back to namespace and name, so the order is stable', () => {
  const list = [agent('b'), agent('a'), { ...agent('c'), namespace: 'aaa' }];
  assert.deepEqual([...list].sort(comparator(parseView('?sort=provider'))).map((a) => a.name), ['c', 'a', 'b']);
});

test('the tab title leads with the degraded count', () => {
  assert.equal(pageTitle({ degraded: 3 }), '(3 degraded) agent failover');
  assert.equal(pageTitle({ degraded: 0 }), 'agent failover');
});

test('an agent has its own address, and odd names survive the round trip', () => {
  assert.equal(agentUrl('agents', 'coder-1'), '/agents/agents/coder-1');
  assert.deepEqual(agentFromPath(agentUrl('team a', 'x/y')), { namespace: 'team a', name: 'x/y' });
  assert.equal(agentFromPath('/'), null);
  assert.equal(agentFromPath('/agents/only-one'), null);
  assert.equal(agentFromPath('/agents/a/%E0%A4%A'), null);
});
