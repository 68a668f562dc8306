package io.failover.agents.operator.intake;

import io.failover.agents.api.Agent;
import io.failover.agents.core.AgentRef;
import io.failover.agents.core.outcome.Classifier;
import io.failover.agents.core.outcome.TaskReport;
import io.failover.agents.core.policy.FailoverPolicy;
import io.failover.agents.operator.ledger.Appended;
import io.failover.agents.operator.ledger.Ledger;
import io.failover.agents.operator.ledger.NewOutcome;
import io.failover.agents.operator.metrics.FailoverMetrics;
import io.failover.agents.operator.reconcile.ClusterView;
import io.failover.agents.operator.reconcile.OutcomeSignal;
import io.failover.agents.operator.render.OwnedLabels;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Where reports enter: classify, commit to the ledger, then wake the agent's reconcile, which
 * applies them in ledger order. The HTTP API is one caller; tests and the demo use it directly.
 */
public final class OutcomeIntake {
  private final ClusterView view;
  private final Ledger ledger;
  private final OutcomeSignal signal;
  private final Clock clock;
  private final Set<String> namespaces;
  private final FailoverMetrics metrics;
  private final ReportTokenCache tokens = new ReportTokenCache();

  /** @param namespaces the namespaces the operator serves; empty for all */
  public OutcomeIntake(ClusterView view, Ledger ledger, OutcomeSignal signal, Clock clock, Set<String> namespaces,
      FailoverMetrics metrics) {
    this.metrics = metrics;
    this.view = view;
    this.ledger = ledger;
    this.signal = signal;
    this.clock = clock;
    this.namespaces = namespaces;
  }

  public Optional<Agent> agent(String namespace, String name) {
    if (!namespaces.isEmpty() && !namespaces.contains(namespace)) {
      return Optional.empty();
    }
    return view.agent(namespace, name);
  }

  /** Whether the bearer token is this agent's report token (compared in constant time). */
  public boolean tokenMatches(Agent agent, String token) {
    Optional<byte[]> expected = view.secret(agent.getMetadata().getNamespace(),
            OwnedLabels.envSecretName(agent.getMetadata().getName()))
        .flatMap(tokens::of);
    return expected.isPresent() && MessageDigest.isEqual(expected.get(), token.getBytes(StandardCharsets.UTF_8));
  }

  /** Completes once the report is durable; the agent's reconcile has been signalled by then. */
  public CompletableFuture<Appended> submit(Agent agent, OutcomeReport report) {
    AgentRef ref = new AgentRef(agent.getMetadata().getNamespace(), agent.getMetadata().getName());
    String typeName = agent.getSpec().getType();
    Optional<FailoverPolicy> policy = view.agentType(ref.namespace(), typeName)
        .flatMap(type -> view.policies().read(type.getMetadata().getUid(), type.getMetadata().getResourceVersion(),
            type.getSpec()).policy());
    NewOutcome outcome = new NewOutcome(clock.instant(), ref.namespace(), ref.name(), agent.getMetadata().getUid(),
        typeName, report.tier(), report.provider(), report.success(),
        Classifier.classify(new TaskReport(report.success(), report.httpStatus().orElse(null),
            report.errorType().orElse(null), report.errorCode().orElse(null), report.message().orElse(null))),
        report.httpStatus(), report.errorType(), report.errorCode(), report.retryAfterSeconds(),
        report.inputTokens(), report.outputTokens(), report.id(), usageProvider(agent, report, policy));
    return ledger.append(outcome).thenApply(appended -> {
      if (!appended.repeated()) {
        metrics.report(outcome.success(), outcome.kind().wireName());
        metrics.tokens(ref.namespace(), typeName, outcome.usageProvider(), outcome.tokens());
      }
      signal.signal(ref, outcome.kind());
      return appended;
    });
  }

  /** The provider a report's tokens count for: the one it names, else its tier's, else the agent's current one. */
  private static String usageProvider(Agent agent, OutcomeReport report, Optional<FailoverPolicy> policy) {
    return report.provider()
        .or(() -> report.tier().flatMap(tier -> policy.filter(p -> tier >= 1 && tier <= p.chainLength())
            .map(p -> p.tier(tier).provider().wireName())))
        .or(() -> Optional.ofNullable(agent.getStatus()).map(status -> status.getProvider()))
        .orElse("unknown");
  }
}
