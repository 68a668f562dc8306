// What the list shows: search, filters and sort, kept in the URL; which agents match; their order;
// the counts. Pure functions (no DOM), unit-tested with node --test.

import { isNotReady } from './format.js';

export const STATES = ['degraded', 'paused', 'not-ready'];
export const SORT_KEYS = ['name', 'namespace', 'type', 'tier', 'provider', 'cooldown', 'lastFailure'];
const DEFAULTS = { q: '', ns: '', type: '', state: '', sort: 'name', dir: 'asc' };

export const keyOf = (item) => `${item.namespace}/${item.name}`;

/** The list's view from a query string ("?q=coder&state=degraded&sort=tier&dir=desc"); unknown values fall back. */
export function parseView(search) {
  const params = new URLSearchParams(search);
  const view = { ...DEFAULTS };
  for (const key of Object.keys(DEFAULTS)) {
    const value = params.get(key);
    if (value != null) view[key] = value.trim();
  }
  if (!STATES.includes(view.state)) view.state = '';
  if (!SORT_KEYS.includes(view.sort)) view.sort = 'name';
  if (view.dir !== 'desc') view.dir = 'asc';
  return view;
}

/** The query string for a view, with defaults left out ("" for the default view). */
export function viewQuery(view) {
  const params = new URLSearchParams();
  for (const [key, fallback] of Object.entries(DEFAULTS)) {
    if (view[key] && view[key] !== fallback) params.set(key, view[key]);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The agent's state for the filter and the counts: exactly one of ok, degraded, paused, not-ready. */
export function stateOf(agent) {
  if (isNotReady(agent)) return 'not-ready';
  const state = agent.providerState ?? {};
  if (state.paused) return 'paused';
  if (state.tier > 1) return 'degraded';
  return 'ok';
}

/** The text a search looks in: names, type, provider and model (current and in the chain). */
export function searchText(agent) {
  const state = agent.providerState ?? {};
  const chain = (agent.chain ?? []).map((entry) => `${entry.provider} ${entry.model}`).join(' ');
  return `${agent.namespace} ${agent.name} ${agent.type ?? ''} ${state.provider ?? ''} ${state.model ?? ''} ${chain}`.toLowerCase();
}

export function matches(agent, view) {
  if (view.ns && agent.namespace !== view.ns) return false;
  if (view.type && agent.type !== view.type) return false;
  if (view.state && stateOf(agent) !== view.state) return false;
  if (view.q) {
    const text = searchText(agent);
    for (const word of view.q.toLowerCase().split(/\s+/)) if (word && !text.includes(word)) return false;
  }
  return true;
}

const text = (value) => value ?? '';
const compareText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

export function compareByNamespaceName(a, b) {
  return compareText(a.namespace, b.namespace) || compareText(a.name, b.name);
}

// Agents without a value sort last whichever the direction, so a sort never starts with blanks.
const SORT_VALUES = {
  name: (agent) => agent.name,
  namespace: (agent) => agent.namespace,
  type: (agent) => agent.type ?? null,
  tier: (agent) => (agent.providerState?.paused ? 100 : agent.providerState?.tier ?? null),
  provider: (agent) => agent.providerState?.provider ?? null,
  cooldown: (agent) => {
    const until = Date.parse(agent.providerState?.cooldownUntil);
    return Number.isNaN(until) || !(agent.providerState?.tier > 1) ? null : until;
  },
  lastFailure: (agent) => {
    const at = Date.parse(agent.providerState?.lastFailureAt);
    return Number.isNaN(at) ? null : at;
  },
};

/** A comparator for the view's sort; ties fall back to namespace and name. */
export function comparator(view) {
  const value = SORT_VALUES[view.sort] ?? SORT_VALUES.name;
  const sign = view.dir === 'desc' ? -1 : 1;
  return (a, b) => {
    const x = value(a);
    const y = value(b);
    if (x == null || y == null) {
      if (x == null && y != null) return 1;
      if (y == null && x != null) return -1;
      return compareByNamespaceName(a, b);
    }
    return sign * compareText(x, y) || compareByNamespaceName(a, b);
  };
}

/** Counts by state: {total, degraded, paused, 'not-ready'}. */
export function countStates(agents) {
  const counts = { total: 0, ok: 0, degraded: 0, paused: 0, 'not-ready': 0 };
  for (const agent of agents) {
    counts.total++;
    counts[stateOf(agent)]++;
  }
  return counts;
}

/** The browser tab's title: the degraded count first, so it shows in a crowded tab bar. */
export function pageTitle(counts) {
  const degraded = counts?.degraded ?? 0;
  return degraded > 0 ? `(${degraded} degraded) agent failover` : 'agent failover';
}

/** An agent's own address, and the agent it names (or null) from a path. */
export const agentUrl = (namespace, name) => `/agents/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;

export function agentFromPath(pathname) {
  const match = /^\/agents\/([^/]+)\/([^/]+)\/?$/.exec(pathname);
  if (!match) return null;
  try {
    return { namespace: decodeURIComponent(match[1]), name: decodeURIComponent(match[2]) };
  } catch {
    return null;
  }
}
