package io.failover.agents.core.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Input+output tokens the tier-1 provider may spend, summed over all agents of a type.
 *
 * @param window the sliding window; empty for "all" (count forever, never trip)
 */
public record TokenBudget(long limitTokens, Optional<Duration> window, String windowText) {

  public boolean monitorOnly() {
    return window.isEmpty();
  }

  /** Where the window that ends at {@code now} starts; the epoch for "all". */
  public Instant windowStart(Instant now) {
    return window.map(now::minus).orElse(Instant.EPOCH);
  }

  public boolean exceededBy(long usedTokens) {
    return !monitorOnly() && usedTokens >= limitTokens;
  }
}
