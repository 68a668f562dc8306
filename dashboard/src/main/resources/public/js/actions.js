// Pause, resume and reset, as the row buttons, the agent view and bulk actions ask for them. A 202
// only means the annotation is set: the action stays pending until the agent's new state is seen,
// and says so when the operator takes longer than it should.

import { agentPath } from './api.js';
import { errorText } from './format.js';
import { keyOf } from './view-state.js';

export const ACTIONS = {
  pause: { verb: 'Pause', doing: 'pausing', done: 'paused', reached: (s) => Boolean(s.paused) },
  unpause: { verb: 'Resume', doing: 'resuming', done: 'resumed', reached: (s) => !s.paused },
  // a reset keeps a pause held by spec.paused (only clearing the field ends it)
  'reset-tier': { verb: 'Reset', doing: 'resetting to tier 1', done: 'reset to tier 1',
    reached: (s) => s.tier === 1 && (!s.paused || s.pausedReason === 'Spec') },
};
const SLOW_MS = 10000;

/**
 * deps: {api, notify(message), operatorProblem() -> words or '', lookup(key) -> the agent as now
 * known}. Listeners of onChange get the key of an agent whose pending state changed.
 */
export function createActions({ api, notify, operatorProblem, lookup }) {
  const pending = new Map();
  const listeners = new Set();
  const changed = (key) => { for (const listener of listeners) listener(key); };

  function settle(key) {
    const entry = pending.get(key);
    if (!entry) return;
    clearTimeout(entry.timer);
    pending.delete(key);
    changed(key);
  }

  return {
    onChange(listener) {
      listeners.add(listener);
    },
    /** {action, doing, slow} while an action on the agent waits to be seen, else undefined. */
    pendingOf(key) {
      const entry = pending.get(key);
      return entry && { action: entry.action, doing: ACTIONS[entry.action].doing, slow: entry.slow };
    },
    /** Every agent change passes here: a pending action whose effect shows is done. */
    seen(item) {
      const entry = pending.get(keyOf(item));
      if (entry && entry.sent && ACTIONS[entry.action].reached(item.providerState ?? {})) settle(keyOf(item));
    },
    /** Asks for the action; resolves true on 202, false (after saying why) on a refusal. */
    async run(agent, action, { quiet = false } = {}) {
      const key = keyOf(agent);
      settle(key);
      const entry = { action, sent: false, slow: false, timer: 0 };
      pending.set(key, entry);
      changed(key);
      try {
        await api.request('POST', `${agentPath(agent.namespace, agent.name)}/${action}`, {});
      } catch (error) {
        settle(key);
        if (!quiet) notify(`${ACTIONS[action].verb} ${agent.name}: ${errorText(error)}`);
        return { ok: false, error };
      }
      entry.sent = true;
      if (ACTIONS[action].reached((lookup(key) ?? agent).providerState ?? {})) {
        settle(key); // nothing to change: the operator records nothing
        return { ok: true };
      }
      entry.timer = setTimeout(() => {
        entry.slow = true;
        changed(key);
      }, SLOW_MS);
      const problem = operatorProblem();
      if (problem && !quiet) notify(`${ACTIONS[action].verb} ${agent.name} is recorded, but ${problem}`);
      return { ok: true };
    },
  };
}
