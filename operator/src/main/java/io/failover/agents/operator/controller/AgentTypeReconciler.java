package io.failover.agents.operator.controller;

import io.failover.agents.api.AgentType;
import io.failover.agents.api.AgentTypeStatus;
import io.failover.agents.core.policy.FailoverPolicy;
import io.failover.agents.core.policy.TokenBudget;
import io.failover.agents.core.spec.PolicyReading;
import io.failover.agents.core.spec.SpecProblem;
import io.failover.agents.operator.inputs.AgentTypeCheck;
import io.failover.agents.operator.ledger.Ledger;
import io.failover.agents.operator.metrics.FailoverMetrics;
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
 * publishes its token budget's limit and use as metrics.
 */
@ControllerConfiguration(name = AgentTypeReconciler.NAME)
public final class AgentTypeReconciler implements Reconciler<AgentType> {
  public static final String NAME = "agenttypes";
  static final String VALID = "Valid";

  private final Ledger ledger;
  private final Clock clock;
  private final FailoverMetrics metrics;

  public AgentTypeReconciler(Ledger ledger, Clock clock, FailoverMetrics metrics) {
    this.ledger = ledger;
    this.clock = clock;
    this.metrics = metrics;
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
    if (!StatusComparison.same(type.getStatus(), status)) {
      AgentType update = new AgentType();
      update.setMetadata(type.getMetadata());
      update.setSpec(type.getSpec());
      update.setStatus(status);
      context.resourceOperations().updatePrimaryStatus(update);
    }
    publishBudget(type, problems.isEmpty() ? reading.policy() : Optional.empty());
    return UpdateControl.noUpdate();
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
