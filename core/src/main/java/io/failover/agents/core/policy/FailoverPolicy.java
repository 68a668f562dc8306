package io.failover.agents.core.policy;

import io.failover.agents.core.outcome.OutcomeKind;
import io.failover.agents.core.provider.ProviderTier;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The effective failover policy of an AgentType: defaults applied, the legacy form read as a chain
 * of one, and the triggers that can actually move an agent.
 */
public record FailoverPolicy(
    List<ProviderTier> chain,
    Duration cooldown,
    ExhaustionPolicy onExhausted,
    Set<OutcomeKind> triggers,
    int serverErrorThreshold,
    Optional<TokenBudget> tokenBudget,
    Scope scope,
    Duration maxCooldown) {

  public static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(900);
  public static final int DEFAULT_SERVER_ERROR_THRESHOLD = 3;
  public static final Duration DEFAULT_MAX_COOLDOWN = Duration.ofSeconds(21_600);
  public static final Set<OutcomeKind> ALL_TRIGGERS = Set.of(
      OutcomeKind.AUTH, OutcomeKind.QUOTA, OutcomeKind.RATE_LIMIT, OutcomeKind.SERVER_ERROR, OutcomeKind.TOKEN_BUDGET);

  public FailoverPolicy {
    chain = List.copyOf(chain);
    triggers = triggers.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(triggers));
  }

  /** Agent scope, with the default damping cap. */
  public FailoverPolicy(List<ProviderTier> chain, Duration cooldown, ExhaustionPolicy onExhausted,
      Set<OutcomeKind> triggers, int serverErrorThreshold, Optional<TokenBudget> tokenBudget) {
    this(chain, cooldown, onExhausted, triggers, serverErrorThreshold, tokenBudget, Scope.AGENT, DEFAULT_MAX_COOLDOWN);
  }

  /** The longest a damped or reset-aware cooldown may last: never shorter than the plain cooldown. */
  public Duration cooldownCap() {
    return maxCooldown.compareTo(cooldown) >= 0 ? maxCooldown : cooldown;
  }

  /** The effective triggers by their wire names, in the order of SPEC section 2. */
  public List<String> triggerNames() {
    return triggers.stream().map(OutcomeKind::wireName).toList();
  }

  public int chainLength() {
    return chain.size();
  }

  /** The tier at a 1-based position. */
  public ProviderTier tier(int tier) {
    return chain.get(tier - 1);
  }

  public boolean triggers(OutcomeKind kind) {
    return triggers.contains(kind);
  }

  /** A budget that can trip: configured, a trigger, and not monitor-only. */
  public Optional<TokenBudget> enforcedBudget() {
    return tokenBudget.filter(budget -> triggers(OutcomeKind.TOKEN_BUDGET) && !budget.monitorOnly());
  }
}
