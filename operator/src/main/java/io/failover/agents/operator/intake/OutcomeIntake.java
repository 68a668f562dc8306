package io.failover.agents.operator.intake;

import io.failover.agents.api.Agent;
import io.failover.agents.core.AgentRef;
import io.failover.agents.core.outcome.Classifier;
import io.failover.agents.core.outcome.Report;
import io.failover.agents.core.policy.FailoverPolicy;
import io.failover.agents.operator.cluster.ClusterReads;
import io.failover.agents.operator.ledger.Appended;
import io.failover.agents.operator.ledger.Ledger;
import io.failover.agents.operator.ledger.NewOutcome;
import io.failover.agents.operator.metrics.FailoverMetrics;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where reports enter: classify, commit to the ledger, then wake the agent's reconcile, which
 * applies them in ledger order. The HTTP endpoint is one caller; tests and the demo use it directly.
 */
public final class OutcomeIntake {
  private final ClusterReads agents;
  private final Ledger ledger;
  private final OutcomeWakeup wakeup;
  private final Clock clock;
  private final FailoverMetrics metrics;
  private final ReportTokens tokens = new ReportTokens();

  public OutcomeIntake(ClusterReads agents, Ledger ledger, OutcomeWakeup wakeup, Clock clock, FailoverMetrics metrics) {
    this.agents = agents;
    this.ledger = ledger;
    this.wakeup = wakeup;
    this.clock = clock;
    this.metrics = metrics;
  }

  public Optional<Agent> agent(String namespace, String name) {
    return agents.agent(namespace, name);
  }

  /** Whether the bearer token is this agent's report token (compared in constant time). */
  public boolean tokenMatches(Agent agent, String token) {
    return agents.envSecret(agent).map(secret -> tokens.matches(secret, token)).orElse(false);
  }

  /** Completes once the report is durable; the agent's reconcile has been woken by then. */
  public CompletableFuture<Appended> submit(Agent agent, Report report) {
    AgentRef ref = new AgentRef(agent.getMetadata().getNamespace(), agent.getMetadata().getName());
    String typeName = agent.getSpec().getType();
    Optional<FailoverPolicy> policy = agents.policy(ref.namespace(), typeName);
    NewOutcome outcome = new NewOutcome(clock.instant(), ref.namespace(), ref.name(), agent.getMetadata().getUid(),
        typeName, report, Classifier.classify(report), usageProvider(agent, report, policy));
    return ledger.append(outcome).thenApply(appended -> {
      if (!appended.repeated()) {
        metrics.report(report.success(), outcome.kind().wireName());
        metrics.tokens(ref.namespace(), typeName, outcome.usageProvider(), report.tokens());
      }
      wakeup.committed(ref, outcome.kind());
      return appended;
    });
  }

  /** The provider a report's tokens count for: the one it names, else its tier's, else the agent's current one. */
  private static String usageProvider(Agent agent, Report report, Optional<FailoverPolicy> policy) {
    return report.provider()
        .or(() -> report.tier().flatMap(tier -> policy.filter(p -> tier >= 1 && tier <= p.chainLength())
            .map(p -> p.tier(tier).provider().wireName())))
        .or(() -> Optional.ofNullable(agent.getStatus()).map(status -> status.getProvider()))
        .orElse("unknown");
  }
}
