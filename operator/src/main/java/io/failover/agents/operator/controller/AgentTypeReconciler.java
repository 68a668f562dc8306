package io.failover.agents.operator.controller;

import io.failover.agents.api.AgentType;
import io.failover.agents.api.AgentTypeStatus;
import io.failover.agents.core.policy.FailoverPolicy;
import io.failover.agents.core.policy.TokenBudget;
import io.failover.agents.core.spec.PolicyReading;
import io.failover.agents.core.spec.SpecProblem;
import io.failover.agents.operator.history.AttributedChange;
import io.failover.agents.operator.history.CircuitHistory;
import io.failover.agents.operator.history.KubernetesEvents;
import io.failover.agents.operator.inputs.AgentTypeCheck;
import io.failover.agents.operator.ledger.Ledger;
import io.failover.agents.operator.metrics.FailoverMetrics;
import io.failover.agents.operator.status.CircuitStatusMapper;
import io.failover.agents.operator.status.Conditions;
import io.failover.agents.operator.status.StatusComparison;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reports whether an AgentType is valid, with every problem's field path, and what it will do; and
 * publishes its token budget's limit and use as metrics. In Type scope it also keeps the circuits
 * in step with the chain and the time (half-open once {@code openUntil} comes, woken for it) and
 * closes them all on the close-circuits annotation.
 */
// not generation-aware: the close-circuits annotation changes no generation
@ControllerConfiguration(name = AgentTypeReconciler.NAME, generationAwareEventProcessing = false)
public final class AgentTypeReconciler implements Reconciler<AgentType>, AutoCloseable {
  public static final String NAME = "agenttypes";
  static final String VALID = "Valid";

  private final Ledger ledger;
  private final Clock clock;
  private final FailoverMetrics metrics;
  private final CircuitHistory circuitHistory;

  public AgentTypeReconciler(Ledger ledger, Clock clock, FailoverMetrics metrics, KubernetesEvents recorder) {
    this.ledger = ledger;
    this.clock = clock;
    this.metrics = metrics;
    this.circuitHistory = new CircuitHistory(ledger, recorder, metrics);
  }

  /** Writes the circuit history recorded so far; the operator calls it when it stops. */
  @Override
  public void close() {
    circuitHistory.close();
  }

  @Override
  public UpdateControl<AgentType> reconcile(AgentType type, Context<AgentType> context) {
    AgentTypeCheck check = AgentTypeCheck.of(type.getSpec());
    PolicyReading reading = check.reading();
    List<SpecProblem> problems = check.problems();
    AgentTypeStatus previous = type.getStatus() == null ? new AgentTypeStatus() : type.getStatus();
    AgentTypeStatus status = new AgentTypeStatus();
    status.setObservedGeneration(type.getMetadata().getGeneration());
    status.setEffectiveTriggers(problems.isEmpty() ? reading.policy().orElseThrow().triggerNames() : List.of());
    status.setWarnings(reading.warnings());
    status.setConditions(problems.isEmpty()
        ? Conditions.set(previous.getConditions(), VALID, Conditions.TRUE, "Valid",
            "chain of " + reading.policy().orElseThrow().chainLength() + ": " + reading.policy().orElseThrow().chain().stream()
                .map(tier -> tier.provider().wireName()).collect(Collectors.joining(" -> ")),
            type.getMetadata().getGeneration(), clock.instant())
        : Conditions.set(previous.getConditions(), VALID, Conditions.FALSE, "InvalidSpec",
            problems.stream().map(SpecProblem::toString).collect(Collectors.joining("; ")),
            type.getMetadata().getGeneration(), clock.instant()));
    Optional<FailoverPolicy> policy = problems.isEmpty() ? reading.policy() : Optional.empty();
    String namespace = type.getMetadata().getNamespace();
    TypeCircuitUpdate circuits = TypeCircuitUpdate.of(type, policy, clock.instant(),
        (id, annotation) -> ledger.steeringActor(id, namespace, type.getMetadata().getName(), annotation));
    status.setCircuits(CircuitStatusMapper.write(circuits.circuits()));
    status.setOpenTiers(circuits.circuits().openTiers().isEmpty() ? null : circuits.circuits().openTiers());
    if (!StatusComparison.same(type.getStatus(), status)) {
      AgentType update = new AgentType();
      update.setMetadata(type.getMetadata());
      update.setSpec(type.getSpec());
      update.setStatus(status);
      // optimistic: written at the version read, so circuits an agent committed meanwhile are never overwritten
      context.resourceOperations().updatePrimaryStatus(update);
    }
    circuitHistory.record(type, circuits.ticked(), AttributedChange.OPERATOR, clock.instant());
    circuitHistory.record(type, circuits.closed(), circuits.closedBy(), clock.instant());
    metrics.circuits(type.getMetadata().getNamespace(), type.getMetadata().getName(), circuits.circuits());
    if (circuits.closeRequested()) {
      TypeCircuitUpdate.acknowledge(type, context);
    }
    publishBudget(type, policy);
    return circuits.nextChange(clock.instant())
        .map(wait -> UpdateControl.<AgentType>noUpdate().rescheduleAfter(wait))
        .orElse(UpdateControl.noUpdate());
  }

  /** The budget's series follow the spec: there while a valid budget is, counting the tier-1 provider's tokens. */
  private void publishBudget(AgentType type, Optional<FailoverPolicy> policy) {
    String namespace = type.getMetadata().getNamespace();
    String name = type.getMetadata().getName();
    Optional<TokenBudget> budget = policy.flatMap(FailoverPolicy::tokenBudget);
    if (budget.isEmpty()) {
      metrics.noTokenBudget(namespace, name);
      return;
    }
    String provider = policy.get().tier(1).provider().wireName();
    metrics.tokenBudget(namespace, name, budget.get().limitTokens(),
        () -> ledger.tokensUsed(namespace, name, provider, budget.get().windowStart(clock.instant())));
  }
}
