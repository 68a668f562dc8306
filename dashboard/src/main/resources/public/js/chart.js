// Token usage over time as stacked bars, one colour per provider: the geometry only (no DOM), so it
// is unit-tested with node --test; types.js draws it as inline SVG.

/**
 * history = {bucketSeconds, buckets: [{start, tokens: {provider: n}}]} (docs/dashboard-api.md).
 * Returns {providers, max, total, bars: [{x, width, start, total, segments: [{provider, y, height, tokens}]}]}
 * for a plot of the given size; y grows downwards as in SVG.
 */
export function usageBars(history, width, height) {
  const buckets = Array.isArray(history?.buckets) ? history.buckets : [];
  const providers = [];
  let max = 0;
  let total = 0;
  for (const bucket of buckets) {
    let sum = 0;
    for (const [provider, tokens] of Object.entries(bucket.tokens ?? {})) {
      if (!providers.includes(provider)) providers.push(provider);
      sum += Math.max(0, Number(tokens) || 0);
    }
    max = Math.max(max, sum);
    total += sum;
  }
  const slot = buckets.length ? width / buckets.length : 0;
  const barWidth = Math.max(1, slot * 0.8);
  const bars = buckets.map((bucket, i) => {
    let y = height;
    let sum = 0;
    const segments = [];
    for (const provider of providers) {
      const tokens = Math.max(0, Number(bucket.tokens?.[provider]) || 0);
      if (!tokens) continue;
      const h = max ? (tokens / max) * height : 0;
      y -= h;
      sum += tokens;
      segments.push({ provider, y: round(y), height: round(h), tokens });
    }
    return { x: round(i * slot + (slot - barWidth) / 2), width: round(barWidth), start: bucket.start, total: sum, segments };
  });
  return { providers, max, total, bars };
}

const round = (n) => Math.round(n * 100) / 100;

/** A sentence that says what the chart shows, for screen readers and as the chart's title. */
export function usageSummary(history, formatTokens) {
  const { providers, total } = usageBars(history, 1, 1);
  if (!total) return 'no tokens reported in this period';
  const byProvider = providers.map((provider) => {
    const sum = history.buckets.reduce((acc, b) => acc + (Math.max(0, Number(b.tokens?.[provider]) || 0)), 0);
    return `${provider} ${formatTokens(sum)}`;
  });
  return `${formatTokens(total)} tokens: ${byProvider.join(', ')}`;
}
