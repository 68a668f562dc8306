import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACTIONS } from '../../main/resources/public/js/actions.js';

test('a reset is seen once the agent is on tier 1, running or held paused by spec.paused', () => {
  const reached = ACTIONS['reset-tier'].reached;
  assert.equal(reached({ tier: 1, paused: false }), true);
  assert.equal(reached({ tier: 1, paused: true, pausedReason: 'Spec' }), true);
  assert.equal(reached({ tier: 1, paused: true, pausedReason: 'Manual' }), false);
  assert.equal(reached({ tier: 2, paused: false }), false);
});
