import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usageBars, usageSummary } from '../../main/resources/public/js/chart.js';
import { toYaml } from '../../main/resources/public/js/yaml.js';
import { createStore } from '../../main/resources/public/js/store.js';

const history = { bucketSeconds: 3600, buckets: [
  { start: 'a', tokens: { anthropic: 300 } },
  { start: 'b', tokens: { anthropic: 100, deepseek: 200 } },
  { start: 'c', tokens: {} }] };

test('bars stack providers in a fixed order, the tallest bar fills the height', () => {
  const { providers, max, bars } = usageBars(history, 300, 100);
  assert.deepEqual(providers, ['anthropic', 'deepseek']);
  assert.equal(max, 300);
  assert.deepEqual(bars[0].segments, [{ provider: 'anthropic', y: 0, height: 100, tokens: 300 }]);
  assert.deepEqual(bars[1].segments.map((s) => [s.provider, s.y, s.height]), [['anthropic', 66.67, 33.33], ['deepseek', 0, 66.67]]);
  assert.deepEqual(bars[2].segments, []);
  assert.equal(bars[1].x, 110);
});

test('no data draws nothing and says so', () => {
  assert.deepEqual(usageBars({}, 100, 10).bars, []);
  assert.equal(usageSummary({ buckets: [] }, String), 'no tokens reported in this period');
  assert.equal(usageSummary(history, String), '600 tokens: anthropic 400, deepseek 200');
});

test('negative or non-numeric token counts do not bend the chart', () => {
  assert.equal(usageBars({ buckets: [{ tokens: { a: -5, b: 'x', c: 10 } }] }, 10, 10).max, 10);
});

test('YAML quotes what YAML would misread and keeps plain words plain', () => {
  assert.equal(toYaml({ a: 'yes', b: 'plain', c: '5h', d: '1.5', e: [], f: {}, g: null, h: 'x: y' }),
    'a: "yes"\nb: plain\nc: 5h\nd: "1.5"\ne: []\nf: {}\ng: null\nh: "x: y"\n');
  assert.equal(toYaml({ list: [{ k: 1, v: [2] }] }), 'list:\n  - k: 1\n    v:\n      - 2\n');
});

test('the store counts by state as items come and go, and ignores replays', () => {
  const store = createStore();
  const changes = [];
  store.subscribe((change) => changes.push(change.kind));
  const a = { namespace: 'n', name: 'a', providerState: { tier: 1 }, status: { ready: 'True' } };
  store.replaceAll([a], []);
  store.upsertAgent({ ...a, providerState: { tier: 2 } });
  store.upsertAgent({ ...a, providerState: { tier: 2 } });
  assert.equal(store.counts.degraded, 1);
  assert.equal(store.counts.ok, 0);
  store.removeAgent({ namespace: 'n', name: 'a' });
  assert.equal(store.counts.total, 0);
  assert.deepEqual(changes, ['reset', 'agent', 'agent-deleted']);
});
