package io.failover.agents.core.outcome;

import java.time.Instant;
import java.util.Optional;

/**
 * A classified report, as the state machine sees it.
 *
 * @param seq the report's ledger sequence number
 * @param tier the tier the task ran on; empty means never stale
 * @param retryAfterSeconds the provider's retry-after, which lengthens a cooldown
 * @param resetAt when the provider said its limit resets: the cooldown lasts at least until then (SPEC section 10)
 */
public record Outcome(long seq, OutcomeKind kind, Optional<Integer> tier, Optional<Long> retryAfterSeconds,
    Optional<Instant> resetAt) {

  public Outcome(long seq, OutcomeKind kind, Optional<Integer> tier, Optional<Long> retryAfterSeconds) {
    this(seq, kind, tier, retryAfterSeconds, Optional.empty());
  }

  public static Outcome of(long seq, OutcomeKind kind) {
    return new Outcome(seq, kind, Optional.empty(), Optional.empty(), Optional.empty());
  }

  public Outcome onTier(int reportedTier) {
    return new Outcome(seq, kind, Optional.of(reportedTier), retryAfterSeconds, resetAt);
  }

  public Outcome retryAfter(long seconds) {
    return new Outcome(seq, kind, tier, Optional.of(seconds), resetAt);
  }

  public Outcome resettingAt(Instant reset) {
    return new Outcome(seq, kind, tier, retryAfterSeconds, Optional.of(reset));
  }
}
