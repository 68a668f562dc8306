package io.failover.agents.core.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How long a step down cools (SPEC sections 4 and 10): the cooldown doubled for each trip after the
 * first, up to the cap; at least the provider's retry-after; at least until the provider's reset time,
 * itself capped. The same rule serves an agent (Agent scope) and a circuit (Type scope).
 */
public final class CooldownRule {
  private CooldownRule() {}

  /**
   * @param trips the trips counting this one (1 for a first failure)
   * @param retryAfterSeconds the provider's retry-after: lengthens, uncapped, as in SPEC section 4
   * @param resetAt the provider's reset time: lengthens up to the cap; one in the past changes nothing
   */
  public static Duration cooldown(FailoverPolicy policy, int trips, Instant now, Optional<Long> retryAfterSeconds,
      Optional<Instant> resetAt) {
    Duration cap = policy.cooldownCap();
    Duration cooldown = damped(policy.cooldown(), trips, cap);
    Optional<Duration> retry = retryAfterSeconds.map(Duration::ofSeconds);
    if (retry.isPresent() && retry.get().compareTo(cooldown) > 0) {
      cooldown = retry.get();
    }
    Optional<Duration> untilReset = resetAt.filter(now::isBefore).map(reset -> Duration.between(now, reset))
        .map(wait -> wait.compareTo(cap) > 0 ? cap : wait);
    if (untilReset.isPresent() && untilReset.get().compareTo(cooldown) > 0) {
      cooldown = untilReset.get();
    }
    return cooldown;
  }

  /** {@code cooldown × 2^(trips−1)}, at most the cap, computed without overflow. */
  static Duration damped(Duration cooldown, int trips, Duration cap) {
    Duration result = cooldown;
    for (int trip = 2; trip <= trips && result.compareTo(cap) < 0; trip++) {
      result = result.multipliedBy(2);
    }
    return trips > 1 && result.compareTo(cap) > 0 ? cap : result;
  }
}
