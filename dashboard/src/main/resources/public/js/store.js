// What the page knows of the cluster: the agents and agent types the user may see, and the counts
// by state, kept as items arrive. No DOM: the views subscribe and draw. Unit-tested with node --test.

import { keyOf, stateOf } from './view-state.js';

/**
 * Listeners get one change at a time: {kind: 'reset'} after everything was replaced,
 * {kind: 'agent', key, item, previous}, {kind: 'agent-deleted', key, previous},
 * {kind: 'type', key, item, previous}, {kind: 'type-deleted', key, previous}.
 */
export function createStore() {
  const agents = new Map();
  const types = new Map();
  const json = new Map();
  const listeners = new Set();
  const counts = { total: 0, ok: 0, degraded: 0, paused: 0, 'not-ready': 0 };
  let loaded = false;

  const emit = (change) => { for (const listener of listeners) listener(change); };
  const count = (item, delta) => {
    counts.total += delta;
    counts[stateOf(item)] += delta;
  };

  function putAgent(item) {
    const key = keyOf(item);
    const text = JSON.stringify(item);
    if (json.get(key) === text) return null; // the stream replays every agent on (re)connect
    const previous = agents.get(key);
    if (previous) count(previous, -1);
    agents.set(key, item);
    json.set(key, text);
    count(item, 1);
    return { kind: 'agent', key, item, previous };
  }

  return {
    agents,
    types,
    counts,
    get loaded() {
      return loaded;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Everything anew (the first load, and after a reconnect, which may have missed deletions). */
    replaceAll(agentItems, typeItems) {
      agents.clear();
      json.clear();
      types.clear();
      for (const key of Object.keys(counts)) counts[key] = 0;
      for (const item of typeItems) types.set(keyOf(item), item);
      for (const item of agentItems) putAgent(item);
      loaded = true;
      emit({ kind: 'reset' });
    },
    upsertAgent(item) {
      const change = putAgent(item);
      if (change) emit(change);
    },
    removeAgent(ref) {
      const key = keyOf(ref);
      const previous = agents.get(key);
      if (!previous) return;
      count(previous, -1);
      agents.delete(key);
      json.delete(key);
      emit({ kind: 'agent-deleted', key, previous });
    },
    upsertType(item) {
      const key = keyOf(item);
      const previous = types.get(key);
      if (previous && JSON.stringify(previous) === JSON.stringify(item)) return;
      types.set(key, item);
      emit({ kind: 'type', key, item, previous });
    },
    removeType(ref) {
      const key = keyOf(ref);
      const previous = types.get(key);
      if (!previous) return;
      types.delete(key);
      emit({ kind: 'type-deleted', key, previous });
    },
  };
}
