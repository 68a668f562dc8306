// Words and numbers for the page: pure functions of their arguments (no DOM), unit-tested with node --test.

const pad2 = (n) => String(n).padStart(2, '0');

export function formatDuration(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${pad2(m)}:${pad2(s)}` : `${m}:${pad2(s)}`;
}

export function relativeTime(ms) {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86400)} d ago`;
}

export function formatTime(iso) {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? (iso ?? '') : new Date(t).toLocaleString();
}

export function formatTokens(count) {
  return Number(count ?? 0).toLocaleString('en-US');
}

export const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const NOT_READY_WORDS = {
  AgentTypeNotFound: 'agent type missing',
  InvalidSpec: 'agent type invalid',
  CredentialsNotFound: 'credentials missing',
  CredentialsNotAllowed: 'credentials not allowed',
};

/** Whether the operator said the agent is not ready (Ready=False); Unknown is "not reconciled yet". */
export const isNotReady = (agent) => agent?.status?.ready === 'False';

/** A few words for why an agent is not ready; the full message is shown once, in the agent's view. */
export function notReadyWords(status) {
  if (!status) return 'not ready';
  return NOT_READY_WORDS[status.reason] ?? (status.reason ? `not ready: ${status.reason}` : 'not ready');
}

/**
 * What the tier cell shows: kind (tier | paused | not-ready | pending), the short visible text, and
 * the words a screen reader reads.
 */
export function badgeInfo(agent) {
  const state = agent?.providerState ?? {};
  const chainLength = agent?.chain?.length ?? 0;
  const failure = state.lastFailureKind ? `, last failure ${state.lastFailureKind}` : '';
  if (isNotReady(agent)) {
    return { kind: 'not-ready', text: 'not ready', label: `not ready: ${notReadyWords(agent.status)}`, cls: 'is-not-ready' };
  }
  if (state.paused) {
    const reason = state.pausedReason ? ` (${state.pausedReason})` : '';
    return { kind: 'paused', text: 'paused', label: `paused${reason}${failure}`, cls: 'is-paused' };
  }
  if (!state.tier) return { kind: 'pending', text: 'pending', label: 'not reconciled yet', cls: 'unknown' };
  const of = chainLength ? ` of ${chainLength}` : '';
  const provider = state.provider ? `, ${state.provider}` : '';
  return { kind: 'tier', text: String(state.tier), label: `tier ${state.tier}${of}${provider}${failure}`, cls: `tier-${Math.min(state.tier, 3)}` };
}

/** The cooldown cell: a countdown while it runs, "ready" once the agent may return to tier 1. */
export function cooldownText(state, now) {
  if (!state || state.paused || !(state.tier > 1)) return { text: '', title: '', running: false };
  const until = Date.parse(state.cooldownUntil);
  if (until > now) return { text: formatDuration(until - now), title: `cooldown until ${new Date(until).toLocaleString()}`, running: true };
  return { text: 'ready', title: 'cooldown over: returns to tier 1 on its next successful task', running: false };
}

/**
 * One circuit of a Type-scoped agent type (SPEC section 10), in words: its state, the countdown while
 * open, its trips and its canary.
 */
export function circuitText(circuit, now) {
  const where = `tier ${circuit.tier} (${circuit.provider})`;
  const trips = circuit.trips ? ` · ${plural(circuit.trips, 'trip')}` : '';
  if (circuit.state === 'Open') {
    const until = Date.parse(circuit.openUntil);
    const left = until > now ? `open, half-open in ${formatDuration(until - now)}` : 'open, half-open now';
    return { state: 'open', text: `${where}: ${left}${trips}`, title: `open until ${formatTime(circuit.openUntil)}` };
  }
  if (circuit.state === 'HalfOpen') {
    const canary = circuit.canary ? `canary ${circuit.canary} is trying it` : 'waiting for a canary';
    return { state: 'half-open', text: `${where}: half-open, ${canary}${trips}`, title: '' };
  }
  return { state: 'closed', text: `${where}: closed${trips}`, title: '' };
}

export function lastFailureText(state, now) {
  const kind = state?.lastFailureKind;
  if (!kind) return '';
  const at = Date.parse(state.lastFailureAt);
  return Number.isNaN(at) ? kind : `${kind}, ${relativeTime(now - at)}`;
}

const FIELD_WORDS = {
  provider: 'provider',
  model: 'model',
  baseUrl: 'base URL',
  'credentialsSecretRef.name': 'Secret name',
  'credentialsSecretRef.key': 'Secret key',
  credentialsSecretRef: 'credentials Secret',
  env: 'extra env',
};

const POLICY_WORDS = {
  'spec.failover.cooldownSeconds': 'Cooldown',
  'spec.failover.onExhausted': 'When the chain is exhausted',
  'spec.failover.triggers': 'Triggers',
  'spec.failover.serverErrorThreshold': 'Server error threshold',
  'spec.failover.tokenBudget.limitTokens': 'Token limit',
  'spec.failover.tokenBudget.window': 'Window',
  'spec.failover.tokenBudget': 'Token budget',
  'spec.providerChain': 'Provider chain',
  'spec.template': 'Pod template',
};

/**
 * A field path as the validator names it, in the words the editor shows:
 * spec.providerChain[1].model is "Tier 2 model" (the page numbers tiers from 1).
 */
export function fieldLabel(path) {
  const tier = /^spec\.providerChain\[(\d+)\](?:\.(.+))?$/.exec(path ?? '');
  if (tier) {
    const field = tier[2] ? FIELD_WORDS[tier[2]] ?? tier[2] : '';
    return `Tier ${Number(tier[1]) + 1}${field ? ` ${field}` : ''}`;
  }
  for (const [prefix, words] of Object.entries(POLICY_WORDS)) {
    if (path === prefix || path?.startsWith(`${prefix}.`) || path?.startsWith(`${prefix}[`)) return words;
  }
  return path ?? '';
}

/** A message that names other fields by path ("also spec.providerChain[1]") in the editor's words. */
export function pathsInWords(message) {
  return String(message ?? '').replace(/spec\.providerChain\[\d+\](?:\.[A-Za-z.]+)?/g, (path) => fieldLabel(path).toLowerCase());
}

/** An error from fetch or the API in a sentence: never "Failed to fetch", never ": null". */
export function errorText(error) {
  if (error?.name === 'TypeError' || error?.status === undefined && /fetch|network/i.test(error?.message ?? '')) {
    return 'the dashboard cannot be reached (network error); check that it is running';
  }
  const message = (error?.message && error.message !== 'null') ? error.message : `HTTP ${error?.status ?? 'error'}`;
  if (error?.field && !message.includes(error.field)) return `${fieldLabel(error.field)}: ${message}`;
  return message;
}
