package io.failover.agents.core.circuit;

import io.failover.agents.core.outcome.OutcomeKind;
import java.time.Instant;
import java.util.Optional;

/**
 * The circuit of one tier of a Type-scoped AgentType, as kept in the AgentType's status.
 *
 * @param openUntil while Open: when it becomes HalfOpen
 * @param trips openings since the circuit last stayed closed for a full cooldown
 * @param canary while HalfOpen: the one agent allowed back onto the tier
 * @param lastTripAgent the agent whose outcome last opened it
 * @param closedAt when it last closed, from which its trips age out
 */
public record Circuit(
    int tier,
    String provider,
    CircuitState state,
    Optional<Instant> openUntil,
    int trips,
    Optional<String> canary,
    Optional<OutcomeKind> lastTripKind,
    Optional<Instant> lastTripAt,
    Optional<String> lastTripAgent,
    Optional<Instant> closedAt) {

  public static Circuit closed(int tier, String provider) {
    return new Circuit(tier, provider, CircuitState.Closed, Optional.empty(), 0, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** Open or HalfOpen: the OPEN column lists it. */
  public boolean notClosed() {
    return state != CircuitState.Closed;
  }

  Circuit opened(int newTrips, Instant until, OutcomeKind kind, Instant at, String agent) {
    return new Circuit(tier, provider, CircuitState.Open, Optional.of(until), newTrips, Optional.empty(),
        Optional.of(kind), Optional.of(at), Optional.of(agent), closedAt);
  }

  Circuit halfOpen() {
    return new Circuit(tier, provider, CircuitState.HalfOpen, openUntil, trips, Optional.empty(), lastTripKind,
        lastTripAt, lastTripAgent, closedAt);
  }

  Circuit withCanary(Optional<String> agent) {
    return new Circuit(tier, provider, state, openUntil, trips, agent, lastTripKind, lastTripAt, lastTripAgent, closedAt);
  }

  Circuit closedAt(Instant at) {
    return new Circuit(tier, provider, CircuitState.Closed, Optional.empty(), trips, Optional.empty(), lastTripKind,
        lastTripAt, lastTripAgent, Optional.of(at));
  }

  Circuit withTrips(int count) {
    return new Circuit(tier, provider, state, openUntil, count, canary, lastTripKind, lastTripAt, lastTripAgent, closedAt);
  }
}
