package io.failover.agents.core.outcome;

import java.util.Optional;

/**
 * A classified report, as the state machine sees it.
 *
 * @param seq the report's ledger sequence number
 * @param tier the tier the task ran on; empty means never stale
 * @param retryAfterSeconds the provider's retry-after, which lengthens a cooldown
 */
public record Outcome(long seq, OutcomeKind kind, Optional<Integer> tier, Optional<Long> retryAfterSeconds) {

  public static Outcome of(long seq, OutcomeKind kind) {
    return new Outcome(seq, kind, Optional.empty(), Optional.empty());
  }

  public Outcome onTier(int reportedTier) {
    return new Outcome(seq, kind, Optional.of(reportedTier), retryAfterSeconds);
  }

  public Outcome retryAfter(long seconds) {
    return new Outcome(seq, kind, tier, Optional.of(seconds));
  }
}
