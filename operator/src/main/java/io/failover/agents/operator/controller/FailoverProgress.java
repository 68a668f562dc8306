package io.failover.agents.operator.controller;

import io.failover.agents.api.Agent;
import io.failover.agents.core.circuit.CircuitBreaker;
import io.failover.agents.core.circuit.CircuitEvent;
import io.failover.agents.core.circuit.CircuitTransition;
import io.failover.agents.core.circuit.Circuits;
import io.failover.agents.core.circuit.FleetFailover;
import io.failover.agents.core.circuit.Member;
import io.failover.agents.core.failover.FailoverState;
import io.failover.agents.core.failover.FailoverStateMachine;
import io.failover.agents.core.failover.Transition;
import io.failover.agents.core.outcome.Outcome;
import io.failover.agents.core.policy.FailoverPolicy;
import io.failover.agents.operator.history.AttributedChange;
import io.failover.agents.operator.inputs.AgentInputs;
import io.failover.agents.operator.ledger.Ledger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Moves an agent's state forward inside its reconcile: a chain clamp, then the pending outcomes in
 * ledger order, then the steering annotations (SPEC section 11: a pause or reset sent right after a
 * report acts on the state that report produced), then the declarative {@code spec.paused}, which
 * outlasts the annotations. Pure apart from reading the ledger.
 */
public final class FailoverProgress {
  static final int OUTCOMES_PER_RECONCILE = 500;

  private final Ledger ledger;

  FailoverProgress(Ledger ledger) {
    this.ledger = ledger;
  }

  /**
   * @param handled the steering requests taken into account (their annotations can go)
   * @param moreOutcomes the batch was full: reconcile again at once
   */
  public record Result(FailoverState state, List<AttributedChange> events, List<SteeringAnnotations.Request> handled,
      boolean moreOutcomes) {}

  Result advance(AgentInputs inputs, FailoverState start, Instant now) {
    List<AttributedChange> events = new ArrayList<>();
    FailoverPolicy policy = inputs.policy();
    FailoverState state = collect(FailoverStateMachine.clampToChain(start, policy), AttributedChange.OPERATOR, events);
    List<Outcome> outcomes = ledger.outcomesAfter(inputs.agent().getMetadata().getUid(), state.lastOutcomeSeq(),
        OUTCOMES_PER_RECONCILE);
    LongSupplier tier1Usage = once(() -> tier1Usage(inputs, now));
    for (Outcome outcome : outcomes) {
      state = collect(FailoverStateMachine.applyOrRefuse(state, outcome, policy, now, tier1Usage),
          AttributedChange.OPERATOR, events);
    }
    boolean moreOutcomes = outcomes.size() == OUTCOMES_PER_RECONCILE;
    // annotations wait until every outcome acknowledged before them is applied
    Agent agent = inputs.agent();
    List<SteeringAnnotations.Request> requests = moreOutcomes ? List.of() : SteeringAnnotations.pending(agent,
        (id, annotation) -> ledger.steeringActor(id, agent.getMetadata().getNamespace(), agent.getMetadata().getName(),
            annotation));
    for (SteeringAnnotations.Request request : requests) {
      state = collect(FailoverStateMachine.applyAction(state, request.action(), policy), request.actor(), events);
    }
    if (!moreOutcomes) {
      boolean specPaused = Boolean.TRUE.equals(agent.getSpec().getPaused());
      Transition declared = FailoverStateMachine.applyDeclaredPause(state, specPaused, policy);
      state = collect(declared, declared.moved() ? SteeringAnnotations.specPausedActor(agent) : AttributedChange.OPERATOR, events);
    }
    return new Result(state, events, requests, moreOutcomes);
  }

  /** The agent's progress in Type scope, and the type's circuits after it (SPEC section 10). */
  record Shared(Result result, Circuits circuits, List<CircuitEvent> circuitEvents) {}

  /**
   * As {@link #advance}, against the type's circuits as its status holds them: they catch up with
   * the time and the fleet, each outcome may open or close one, and after the steering annotations
   * the agent follows them (actor {@value FleetFailover#CIRCUIT_ACTOR}). Pure apart from reading the
   * ledger, so a reconcile whose circuits were stale runs it again on the fresh ones.
   */
  Shared advanceShared(AgentInputs inputs, FailoverState start, Instant now, Circuits stored,
      Function<String, Optional<Member>> fleet) {
    List<AttributedChange> events = new ArrayList<>();
    List<CircuitEvent> circuitEvents = new ArrayList<>();
    FailoverPolicy policy = inputs.policy();
    String name = inputs.agent().getMetadata().getName();
    CircuitTransition ticked = CircuitBreaker.tick(CircuitBreaker.align(stored, policy), policy, now, fleet);
    Circuits circuits = ticked.circuits();
    circuitEvents.addAll(ticked.events());
    FailoverState state = collect(FailoverStateMachine.clampToChain(start, policy), AttributedChange.OPERATOR, events);
    List<Outcome> outcomes = ledger.outcomesAfter(inputs.agent().getMetadata().getUid(), state.lastOutcomeSeq(),
        OUTCOMES_PER_RECONCILE);
    LongSupplier tier1Usage = once(() -> tier1Usage(inputs, now));
    for (Outcome outcome : outcomes) {
      FleetFailover.Step step = FleetFailover.applyOutcome(circuits, state, name, outcome, policy, now, tier1Usage);
      circuits = step.circuits();
      circuitEvents.addAll(step.circuitEvents());
      state = collect(step.agent(), AttributedChange.OPERATOR, events);
    }
    boolean moreOutcomes = outcomes.size() == OUTCOMES_PER_RECONCILE;
    List<SteeringAnnotations.Request> requests = steering(inputs.agent(), moreOutcomes);
    for (SteeringAnnotations.Request request : requests) {
      state = collect(FailoverStateMachine.applyAction(state, request.action(), policy), request.actor(), events);
    }
    FleetFailover.Step follow = FleetFailover.follow(circuits, state, name, policy, now, tier1Usage);
    state = collect(follow.agent(), FleetFailover.CIRCUIT_ACTOR, events);
    return new Shared(new Result(state, events, requests, moreOutcomes), follow.circuits(), circuitEvents);
  }

  private List<SteeringAnnotations.Request> steering(Agent agent, boolean moreOutcomes) {
    return moreOutcomes ? List.of() : SteeringAnnotations.pending(agent,
        (id, annotation) -> ledger.steeringActor(id, agent.getMetadata().getNamespace(), agent.getMetadata().getName(),
            annotation));
  }

  private long tier1Usage(AgentInputs inputs, Instant now) {
    FailoverPolicy policy = inputs.policy();
    return policy.enforcedBudget()
        .map(budget -> ledger.tokensUsed(inputs.agent().getMetadata().getNamespace(), inputs.typeName(),
            policy.tier(1).provider().wireName(), now.minus(budget.window().orElseThrow())))
        .orElse(0L);
  }

  /**
   * The window's usage is asked for each outcome under an enforced budget; within one reconcile it
   * is one ledger sum, since every outcome read here was committed, with its tokens, before it.
   */
  private static LongSupplier once(LongSupplier supplier) {
    long[] value = {-1};
    return () -> value[0] >= 0 ? value[0] : (value[0] = supplier.getAsLong());
  }

  private static FailoverState collect(Transition transition, String actor, List<AttributedChange> events) {
    transition.events().forEach(event -> events.add(new AttributedChange(event, actor)));
    return transition.state();
  }
}
