package io.failover.agents.operator.status;

import io.failover.agents.api.Agent;
import io.failover.agents.api.AgentStatus;
import io.failover.agents.core.failover.FailoverState;
import io.failover.agents.core.failover.PauseReason;
import io.failover.agents.core.outcome.OutcomeKind;
import io.failover.agents.core.policy.FailoverPolicy;
import io.failover.agents.core.provider.ProviderTier;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;

/** The failover state as kept in an Agent's status, and the status (with its three conditions) from a state. */
public final class AgentStatusMapper {
  static final String READY = "Ready";
  static final String DEGRADED = "Degraded";
  static final String PAUSED = "Paused";

  private AgentStatusMapper() {}

  public static FailoverState read(AgentStatus status) {
    if (status == null) {
      return FailoverState.INITIAL;
    }
    return new FailoverState(
        status.getTier() == null || status.getTier() < 1 ? 1 : status.getTier(),
        Boolean.TRUE.equals(status.getPaused()) ? Optional.of(pauseReason(status.getPausedReason())) : Optional.empty(),
        instant(status.getCooldownUntil()),
        Optional.ofNullable(status.getLastFailureKind()).flatMap(OutcomeKind::fromWireName),
        instant(status.getLastFailureAt()),
        status.getConsecutiveServerErrors() == null ? 0 : status.getConsecutiveServerErrors(),
        status.getLastOutcomeSeq() == null ? 0 : status.getLastOutcomeSeq(),
        status.getTrips() == null || status.getTrips() < 0 ? 0 : status.getTrips(),
        instant(status.getRecoveredAt()));
  }

  /** Ready's status, reason and message. */
  public record Readiness(boolean ready, String reason, String message) {}

  /** The Ready condition a status holds, if any. */
  public static Optional<Readiness> readiness(AgentStatus status) {
    return Optional.ofNullable(status).map(AgentStatus::getConditions).orElse(java.util.List.of()).stream()
        .filter(condition -> READY.equals(condition.getType()))
        .findFirst()
        .map(condition -> new Readiness(Conditions.TRUE.equals(condition.getStatus()), condition.getReason(), condition.getMessage()));
  }

  /**
   * What the scale subresource reads: the pods the agent's Deployment counts and the selector of
   * those pods ({@code key=value,...}, as autoscalers parse it).
   */
  public record Pods(int replicas, String selector) {}

  public static AgentStatus build(Agent agent, FailoverState state, Optional<FailoverPolicy> policy, Readiness readiness,
      Pods pods, Instant now) {
    AgentStatus previous = agent.getStatus() == null ? new AgentStatus() : agent.getStatus();
    Optional<ProviderTier> tier = policy.filter(p -> state.tier() <= p.chainLength()).map(p -> p.tier(state.tier()));
    AgentStatus status = new AgentStatus();
    status.setObservedGeneration(agent.getMetadata().getGeneration());
    status.setTier(state.tier());
    status.setProvider(tier.map(t -> t.provider().wireName()).orElse(previous.getProvider()));
    status.setModel(tier.map(ProviderTier::model).orElse(previous.getModel()));
    status.setPaused(state.paused());
    status.setPausedReason(state.pausedReason().map(Enum::name).orElse(""));
    status.setCooldownUntil(state.cooldownUntil().map(Instant::toString).orElse(null));
    status.setLastFailureKind(state.lastFailureKind().map(OutcomeKind::wireName).orElse(null));
    status.setLastFailureAt(state.lastFailureAt().map(Instant::toString).orElse(null));
    status.setConsecutiveServerErrors(state.consecutiveServerErrors());
    status.setLastOutcomeSeq(state.lastOutcomeSeq());
    status.setReplicas(pods.replicas());
    status.setSelector(pods.selector());
    status.setTrips(state.trips());
    status.setRecoveredAt(state.recoveredAt().map(Instant::toString).orElse(null));
    Long generation = agent.getMetadata().getGeneration();
    String where = "tier " + state.tier() + tier.map(t -> " (" + t.provider().wireName() + ")").orElse("");
    var conditions = Conditions.set(previous.getConditions(), READY,
        readiness.ready() ? Conditions.TRUE : Conditions.FALSE, readiness.reason(), readiness.message(), generation, now);
    conditions = state.tier() > 1
        ? Conditions.set(conditions, DEGRADED, Conditions.TRUE, "FailedOver",
            "on " + where + state.lastFailureKind().map(kind -> " after " + kind.wireName()).orElse(""), generation, now)
        : Conditions.set(conditions, DEGRADED, Conditions.FALSE, "OnTier1", "on " + where, generation, now);
    conditions = state.paused()
        ? Conditions.set(conditions, PAUSED, Conditions.TRUE, state.pausedReason().orElseThrow().name(),
            pausedMessage(state, where), generation, now)
        : Conditions.set(conditions, PAUSED, Conditions.FALSE, "Running", "running on " + where, generation, now);
    status.setConditions(conditions);
    return status;
  }

  private static String pausedMessage(FailoverState state, String where) {
    return switch (state.pausedReason().orElseThrow()) {
      case Manual -> "paused by request on " + where;
      case Spec -> "held paused by spec.paused on " + where;
      case ChainExhausted ->
          "paused on " + where + ": no tier left after " + state.lastFailureKind().map(OutcomeKind::wireName).orElse("a failure");
    };
  }

  private static PauseReason pauseReason(String reason) {
    return Arrays.stream(PauseReason.values()).filter(r -> r.name().equals(reason)).findFirst().orElse(PauseReason.Manual);
  }

  static Optional<Instant> instant(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException unreadable) {
      return Optional.empty();
    }
  }
}
