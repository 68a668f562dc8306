package io.failover.agents.core.circuit;

import io.failover.agents.core.failover.ChangeReason;
import io.failover.agents.core.failover.FailoverState;
import io.failover.agents.core.failover.FailoverStateMachine;
import io.failover.agents.core.failover.StateChange;
import io.failover.agents.core.failover.Transition;
import io.failover.agents.core.outcome.Outcome;
import io.failover.agents.core.outcome.OutcomeKind;
import io.failover.agents.core.policy.FailoverPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * One agent of a Type-scoped AgentType against the type's circuits (SPEC section 10): the agent's
 * own rules (the failover state machine) with the tiers its circuits close to it, and what the
 * agent's moves do to the circuits. Pure: circuits and agent state in, circuits and agent state out.
 */
public final class FleetFailover {
  /** The actor of the moves a circuit makes, in the ledger. */
  public static final String CIRCUIT_ACTOR = "circuit";

  private FleetFailover() {}

  /** The agent's transition and the circuits after it. */
  public record Step(Circuits circuits, Transition agent, List<CircuitEvent> circuitEvents) {
    public Step {
      circuitEvents = List.copyOf(circuitEvents);
    }
  }

  /**
   * Applies one outcome of the agent. A move off tier t caused by it opens t's circuit (a stale
   * outcome moves nothing, so it opens nothing); the agent then cools as long as that circuit stays
   * open. A recovery onto a half-open tier makes the agent its canary; the canary's success there
   * closes the circuit.
   */
  public static Step applyOutcome(Circuits circuits, FailoverState state, String agent, Outcome outcome,
      FailoverPolicy policy, Instant now, LongSupplier tier1Usage) {
    Transition moved = FailoverStateMachine.applyOrRefuse(state, outcome, policy, now, tier1Usage,
        CircuitBreaker.access(circuits, agent));
    CircuitTransition changed = CircuitTransition.quiet(circuits);
    FailoverState after = moved.state();
    for (StateChange event : moved.events()) {
      if (leftTier(event)) {
        changed = changed.then(current -> CircuitBreaker.trip(current, event.fromTier(), event.kind().orElseThrow(), agent,
            now, outcome.retryAfterSeconds(), outcome.resetAt(), policy));
      } else if (event.type() == ChangeReason.Recovered) {
        changed = new CircuitTransition(CircuitBreaker.claim(changed.circuits(), event.toTier(), agent), changed.events());
      }
    }
    if (moved.moved() && !after.paused()) {
      after = coolWithCircuits(changed.circuits(), moved, after);
    }
    boolean decides = outcome.kind() == OutcomeKind.SUCCESS && !state.paused() && outcome.seq() > state.lastOutcomeSeq()
        && outcome.tier().map(tier -> tier == state.tier()).orElse(true);
    if (decides) {
      changed = changed.then(current -> CircuitBreaker.succeeded(current, state.tier(), agent, now));
    }
    return new Step(changed.circuits(), new Transition(after, moved.events()), changed.events());
  }

  /**
   * What the circuits ask of an agent with no outcome of its own (actor {@value #CIRCUIT_ACTOR}):
   * off a tier whose circuit is open to it; back to a tier whose circuit closed since the agent last
   * failed; a canary onto its tier. A paused agent stays where it is.
   */
  public static Step follow(Circuits circuits, FailoverState state, String agent, FailoverPolicy policy, Instant now,
      LongSupplier tier1Usage) {
    if (state.paused()) {
      return quiet(circuits, state);
    }
    Optional<Circuit> here = circuits.of(state.tier());
    if (here.isPresent() && here.get().notClosed()) {
      Circuit circuit = here.get();
      if (circuit.state() == CircuitState.HalfOpen && circuit.canary().isEmpty()) {
        return quiet(CircuitBreaker.claim(circuits, circuit.tier(), agent), state);
      }
      if (circuit.canary().equals(Optional.of(agent))) {
        return quiet(circuits, state);
      }
      OutcomeKind kind = circuit.lastTripKind().orElse(OutcomeKind.OTHER);
      String cause = "circuit opened by " + circuit.lastTripAgent().orElse("an agent") + " (" + kind.wireName() + ")";
      Transition left = FailoverStateMachine.leaveOpenTier(state, policy, now, CircuitBreaker.access(circuits, agent), kind,
          circuit.openUntil().filter(now::isBefore).orElse(now), cause);
      return new Step(circuits, left, List.of());
    }
    Optional<Circuit> canaryOf = circuits.all().stream()
        .filter(circuit -> circuit.state() == CircuitState.HalfOpen && circuit.canary().equals(Optional.of(agent)))
        .findFirst();
    if (canaryOf.isPresent() && canaryOf.get().tier() < state.tier()) {
      return new Step(circuits, FailoverStateMachine.returnToTier(state, policy, now, canaryOf.get().tier(), tier1Usage,
          "canary of the half-open circuit"), List.of());
    }
    boolean closedSinceFailure = circuits.all().stream()
        .anyMatch(circuit -> circuit.tier() < state.tier() && circuit.state() == CircuitState.Closed
            && closedSinceFailure(circuit, state));
    Optional<Circuit> best = circuits.all().stream()
        .filter(circuit -> circuit.tier() < state.tier() && circuit.state() == CircuitState.Closed).findFirst();
    if (closedSinceFailure && best.isPresent()) {
      return new Step(circuits, FailoverStateMachine.returnToTier(state, policy, now, best.get().tier(), tier1Usage,
          "circuit closed"), List.of());
    }
    return quiet(circuits, state);
  }

  /** A move off a tier that an outcome caused: a step down, a budget step, a pause at the end of the chain. */
  private static boolean leftTier(StateChange event) {
    return event.kind().isPresent() && (event.type() == ChangeReason.TierChanged
        || event.type() == ChangeReason.BudgetExceeded || event.type() == ChangeReason.Paused);
  }

  /** An agent moved by its own failure cools as long as the circuit it opened (or found open) stays open. */
  private static FailoverState coolWithCircuits(Circuits circuits, Transition moved, FailoverState after) {
    StateChange last = moved.events().get(moved.events().size() - 1);
    if (!leftTier(last)) {
      return after;
    }
    return circuits.of(last.fromTier()).flatMap(Circuit::openUntil)
        .map(until -> after.withCooldownUntil(Optional.of(until))).orElse(after);
  }

  private static boolean closedSinceFailure(Circuit circuit, FailoverState state) {
    return circuit.closedAt().isPresent() && state.lastFailureAt().isPresent()
        && !circuit.closedAt().get().isBefore(state.lastFailureAt().get());
  }

  private static Step quiet(Circuits circuits, FailoverState state) {
    return new Step(circuits, new Transition(state, List.of()), List.of());
  }
}
