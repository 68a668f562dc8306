// The AgentType spec the editor works on: read from what is stored, written back from what the
// form holds, keeping every field the form does not show. Pure functions (no DOM), unit-tested.

export const TRIGGERS = ['auth', 'quota', 'rateLimit', 'serverError', 'tokenBudget'];
export const MAX_TIERS = 3;
const LEGACY_FIELDS = ['provider', 'model', 'credentialsSecretRef', 'baseUrl', 'env'];

/** A deep copy of the stored spec, with the legacy single-provider form turned into a chain of one. */
export function normalizeSpec(stored) {
  const spec = structuredClone(stored || {});
  if (Array.isArray(spec.providerChain) || spec.provider === undefined) return spec;
  const entry = {};
  for (const field of LEGACY_FIELDS) {
    if (field in spec) entry[field] = spec[field];
    delete spec[field];
  }
  return { providerChain: [entry], ...spec };
}

const numberOrNull = (text) => (String(text ?? '').trim() === '' ? null : Number(text));

/**
 * One chain entry from a form row: {original, provider, model, secretName, secretKey, baseUrl,
 * needsCredentials}. A tier whose provider changed drops the old provider's credentials.
 */
export function collectEntry(row) {
  const original = row.original || {};
  const entry = structuredClone(original);
  entry.provider = row.provider.trim();
  entry.model = row.model.trim();
  if (row.needsCredentials) {
    const ref = entry.provider === original.provider ? entry.credentialsSecretRef : {};
    entry.credentialsSecretRef = { ...ref, name: row.secretName.trim(), key: row.secretKey.trim() || 'api-key' };
  } else if (entry.provider !== original.provider) {
    delete entry.credentialsSecretRef; // hidden fields of an unchanged provider are kept as stored
  }
  const baseUrl = row.baseUrl.trim();
  if (baseUrl) entry.baseUrl = baseUrl;
  else delete entry.baseUrl;
  return entry;
}

// Sets a field, or leaves it out when it is unset and equals the default it would take anyway.
function setOrOmit(target, key, value, stored, fallback) {
  if (value == null || (!(key in stored) && JSON.stringify(value) === JSON.stringify(fallback))) delete target[key];
  else target[key] = value;
}

/**
 * The spec to save: the stored one with what the form holds.
 * form = {chain: [row], cooldown, onExhausted, triggers: [..], limitTokens, window}
 */
export function collectSpec(base, form) {
  const spec = structuredClone(base);
  spec.providerChain = form.chain.map(collectEntry);
  const stored = base.failover || {};
  const failover = spec.failover || {};
  setOrOmit(failover, 'cooldownSeconds', numberOrNull(form.cooldown), stored, undefined);
  setOrOmit(failover, 'onExhausted', form.onExhausted, stored, 'Pause');
  setOrOmit(failover, 'triggers', TRIGGERS.filter((t) => form.triggers.includes(t)), stored, TRIGGERS);
  if (form.triggers.includes('tokenBudget')) { // unticked, the stored budget, if any, stays as it is
    const limit = numberOrNull(form.limitTokens);
    const span = String(form.window ?? '').trim();
    if (limit == null && !span) delete failover.tokenBudget;
    else {
      const budget = { ...stored.tokenBudget };
      setOrOmit(budget, 'limitTokens', limit, {}, undefined);
      setOrOmit(budget, 'window', span || null, {}, undefined);
      failover.tokenBudget = budget;
    }
  }
  if (Object.keys(failover).length > 0 || 'failover' in base) spec.failover = failover;
  else delete spec.failover;
  return spec;
}

/** Warnings the editor adds to the operator's: things that are valid but rarely meant. */
export function editorWarnings(spec) {
  const warnings = [];
  const triggers = spec.failover?.triggers;
  if (Array.isArray(triggers) && triggers.length === 0) {
    warnings.push('No trigger is ticked: agents of this type will never fail over.');
  }
  return warnings;
}

/**
 * Where in the form a validator's path points: {tier: index or null, control: a control name}.
 * Controls: provider, model, secretName, secretKey, baseUrl, cooldown, onExhausted, triggers,
 * limitTokens, window, or null when the path names nothing the form shows.
 */
export function formTarget(path) {
  const tier = /^spec\.providerChain\[(\d+)\]\.?(.*)$/.exec(path ?? '');
  if (tier) {
    const control = {
      provider: 'provider', model: 'model', baseUrl: 'baseUrl', 'credentialsSecretRef.name': 'secretName',
      'credentialsSecretRef.key': 'secretKey', credentialsSecretRef: 'secretName',
    }[tier[2]] ?? null;
    return { tier: Number(tier[1]), control };
  }
  const control = {
    'spec.failover.cooldownSeconds': 'cooldown', 'spec.failover.onExhausted': 'onExhausted',
    'spec.failover.triggers': 'triggers', 'spec.failover.tokenBudget.limitTokens': 'limitTokens',
    'spec.failover.tokenBudget.window': 'window',
  }[path] ?? null;
  return { tier: null, control };
}
