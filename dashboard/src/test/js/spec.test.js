import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectSpec, editorWarnings, formTarget, normalizeSpec, TRIGGERS } from '../../main/resources/public/js/spec.js';

const row = (original, changes = {}) => ({
  original, provider: original.provider, model: original.model ?? '', secretName: original.credentialsSecretRef?.name ?? '',
  secretKey: original.credentialsSecretRef?.key ?? 'api-key', baseUrl: original.baseUrl ?? '', needsCredentials: original.provider !== 'ollama', ...changes,
});
const anthropic = { provider: 'anthropic', model: 'claude', credentialsSecretRef: { name: 'anthropic-key', key: 'api-key' }, env: { X: '1' } };
const form = (chain, changes = {}) => ({ chain, cooldown: '', onExhausted: 'Pause', triggers: [...TRIGGERS], limitTokens: '', window: '', ...changes });

test('the legacy single-provider form becomes a chain of one', () => {
  assert.deepEqual(normalizeSpec({ provider: 'ollama', model: 'q', baseUrl: 'http://o', template: {} }),
    { providerChain: [{ provider: 'ollama', model: 'q', baseUrl: 'http://o' }], template: {} });
});

test('an unchanged form gives back the stored spec, unknown fields kept', () => {
  const base = { providerChain: [anthropic], template: { spec: {} }, somethingNew: 1 };
  assert.deepEqual(collectSpec(base, form([row(anthropic)])), base);
});

test('another provider on a tier drops the old provider\'s credentials', () => {
  const spec = collectSpec({ providerChain: [anthropic] }, form([row(anthropic, { provider: 'ollama', needsCredentials: false, baseUrl: 'http://o:1' })]));
  assert.equal(spec.providerChain[0].credentialsSecretRef, undefined);
  assert.equal(spec.providerChain[0].baseUrl, 'http://o:1');
  const other = collectSpec({ providerChain: [anthropic] }, form([row(anthropic, { provider: 'openrouter', secretName: 'or-key' })]));
  assert.deepEqual(other.providerChain[0].credentialsSecretRef, { name: 'or-key', key: 'api-key' });
});

test('defaults are left out unless they were written', () => {
  const spec = collectSpec({ providerChain: [anthropic] }, form([row(anthropic)], { cooldown: '120' }));
  assert.deepEqual(spec.failover, { cooldownSeconds: 120 });
  const explicit = collectSpec({ providerChain: [anthropic], failover: { onExhausted: 'Pause' } }, form([row(anthropic)]));
  assert.deepEqual(explicit.failover, { onExhausted: 'Pause' });
});

test('a budget is written only with the tokenBudget trigger ticked', () => {
  const ticked = collectSpec({ providerChain: [anthropic] }, form([row(anthropic)], { limitTokens: '5000', window: '5h' }));
  assert.deepEqual(ticked.failover.tokenBudget, { limitTokens: 5000, window: '5h' });
  const stored = { providerChain: [anthropic], failover: { tokenBudget: { limitTokens: 9, window: '1h' } } };
  const unticked = collectSpec(stored, form([row(anthropic)], { triggers: ['auth'] }));
  assert.deepEqual(unticked.failover.tokenBudget, { limitTokens: 9, window: '1h' }, 'kept as stored');
});

test('no trigger ticked is valid but warned about', () => {
  const spec = collectSpec({ providerChain: [anthropic] }, form([row(anthropic)], { triggers: [] }));
  assert.deepEqual(spec.failover.triggers, []);
  assert.deepEqual(editorWarnings(spec), ['No trigger is ticked: agents of this type will never fail over.']);
  assert.deepEqual(editorWarnings({ failover: {} }), []);
});

test('a validator path points at the control that holds it', () => {
  assert.deepEqual(formTarget('spec.providerChain[1].model'), { tier: 1, control: 'model' });
  assert.deepEqual(formTarget('spec.providerChain[0].credentialsSecretRef.name'), { tier: 0, control: 'secretName' });
  assert.deepEqual(formTarget('spec.failover.tokenBudget.window'), { tier: null, control: 'window' });
  assert.deepEqual(formTarget('spec.template'), { tier: null, control: null });
});
