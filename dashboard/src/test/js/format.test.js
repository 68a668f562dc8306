import { test } from 'node:test';
import assert from 'node:assert/strict';
import { badgeInfo, circuitText, cooldownText, errorText, fieldLabel, formatDuration, lastFailureText, notReadyWords, pathsInWords, relativeTime } from '../../main/resources/public/js/format.js';

test('durations count down in minutes and seconds, hours when needed', () => {
  assert.equal(formatDuration(61_000), '1:01');
  assert.equal(formatDuration(3_600_000 + 5_000), '1:00:05');
  assert.equal(formatDuration(-5), '0:00');
});

test('relative times round down to the unit a reader expects', () => {
  assert.equal(relativeTime(10_000), 'just now');
  assert.equal(relativeTime(5 * 60_000), '5 min ago');
  assert.equal(relativeTime(3 * 3_600_000), '3 h ago');
  assert.equal(relativeTime(2 * 86_400_000), '2 d ago');
});

test('the badge names the tier out of the chain, never a null provider', () => {
  const agent = { chain: [{}, {}, {}], providerState: { tier: 2, provider: 'deepseek', lastFailureKind: 'auth' }, status: { ready: 'True' } };
  assert.deepEqual(badgeInfo(agent), { kind: 'tier', text: '2', label: 'tier 2 of 3, deepseek, last failure auth', cls: 'tier-2' });
  const noProvider = badgeInfo({ chain: [], providerState: { tier: 1, provider: null }, status: { ready: 'True' } });
  assert.equal(noProvider.label, 'tier 1');
});

test('a not-ready agent shows a not-ready badge, whatever tier its old status says', () => {
  const agent = { chain: [], providerState: { tier: 1, provider: null }, status: { ready: 'False', reason: 'AgentTypeNotFound', message: 'AgentType coder not found' } };
  assert.equal(badgeInfo(agent).kind, 'not-ready');
  assert.equal(badgeInfo(agent).label, 'not ready: agent type missing');
  assert.equal(notReadyWords({ reason: 'InvalidSpec' }), 'agent type invalid');
  assert.equal(notReadyWords({ reason: 'SomethingNew' }), 'not ready: SomethingNew');
});

test('paused outranks the tier; an agent without state yet is pending', () => {
  assert.equal(badgeInfo({ providerState: { tier: 3, paused: true, pausedReason: 'ChainExhausted' }, status: { ready: 'True' } }).label,
    'paused (ChainExhausted)');
  assert.equal(badgeInfo({ providerState: {}, status: { ready: 'Unknown' } }).kind, 'pending');
});

test('a cooldown counts down, then says ready in one short word', () => {
  const now = Date.parse('2026-11-21T10:00:00Z');
  assert.equal(cooldownText({ tier: 2, cooldownUntil: '2026-11-21T10:15:00Z' }, now).text, '15:00');
  assert.equal(cooldownText({ tier: 2, cooldownUntil: '2026-11-21T09:00:00Z' }, now).text, 'ready');
  assert.equal(cooldownText({ tier: 1, cooldownUntil: '2026-11-21T10:15:00Z' }, now).text, '');
  assert.equal(cooldownText({ tier: 2, paused: true, cooldownUntil: '2026-11-21T10:15:00Z' }, now).text, '');
});

test('the last failure says what and when', () => {
  const now = Date.parse('2026-11-21T10:00:00Z');
  assert.equal(lastFailureText({ lastFailureKind: 'quota', lastFailureAt: '2026-11-21T09:50:00Z' }, now), 'quota, 10 min ago');
  assert.equal(lastFailureText({ lastFailureKind: 'quota' }, now), 'quota');
  assert.equal(lastFailureText({}, now), '');
});

test('field paths read as the editor shows them, tiers counted from one', () => {
  assert.equal(fieldLabel('spec.providerChain[1].model'), 'Tier 2 model');
  assert.equal(fieldLabel('spec.providerChain[0].credentialsSecretRef.name'), 'Tier 1 Secret name');
  assert.equal(fieldLabel('spec.providerChain[2]'), 'Tier 3');
  assert.equal(fieldLabel('spec.failover.tokenBudget.limitTokens'), 'Token limit');
  assert.equal(fieldLabel('spec.template'), 'Pod template');
  assert.equal(fieldLabel('metadata.name'), 'metadata.name');
});

test('errors are sentences: no "Failed to fetch", no ": null"', () => {
  assert.equal(errorText(new TypeError('Failed to fetch')), 'the dashboard cannot be reached (network error); check that it is running');
  assert.equal(errorText({ status: 503, message: 'null' }), 'HTTP 503');
  assert.equal(errorText({ status: 422, field: 'spec.providerChain[1].model', message: 'must not be empty' }), 'Tier 2 model: must not be empty');
  assert.equal(errorText({ status: 403, message: 'bob may not patch agents' }), 'bob may not patch agents');
});

test('paths inside a message are said in the editor\'s words too', () => {
  assert.equal(pathsInWords('Duplicate value: "deepseek" (also spec.providerChain[1]); providers must be unique within the chain'),
    'Duplicate value: "deepseek" (also tier 2); providers must be unique within the chain');
  assert.equal(pathsInWords('see spec.providerChain[0].baseUrl'), 'see tier 1 base url');
  assert.equal(pathsInWords(null), '');
});

test('a circuit in words: the countdown while open, the canary while half-open, its trips', () => {
  const now = Date.parse('2026-11-21T10:00:00Z');
  assert.equal(circuitText({ tier: 1, provider: 'anthropic', state: 'Open', openUntil: '2026-11-21T10:04:05Z', trips: 2 }, now).text,
    'tier 1 (anthropic): open, half-open in 4:05 · 2 trips');
  assert.equal(circuitText({ tier: 1, provider: 'anthropic', state: 'Open', openUntil: '2026-11-21T09:00:00Z', trips: 1 }, now).text,
    'tier 1 (anthropic): open, half-open now · 1 trip');
  assert.equal(circuitText({ tier: 2, provider: 'deepseek', state: 'HalfOpen', canary: 'coder-3', trips: 1 }, now).text,
    'tier 2 (deepseek): half-open, canary coder-3 is trying it · 1 trip');
  assert.equal(circuitText({ tier: 2, provider: 'deepseek', state: 'HalfOpen', trips: 1 }, now).state, 'half-open');
  assert.equal(circuitText({ tier: 3, provider: 'ollama', state: 'Closed', trips: 0 }, now).text, 'tier 3 (ollama): closed');
});
