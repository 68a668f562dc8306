package io.failover.agents.operator;

import io.failover.agents.operator.events.KubeEventRecorder;
import io.failover.agents.operator.ledger.Ledger;
import io.failover.agents.operator.metrics.FailoverMetrics;
import io.failover.agents.operator.reconcile.AgentReconciler;
import io.failover.agents.operator.reconcile.AgentTypeReconciler;
import io.failover.agents.operator.reconcile.ClusterView;
import io.failover.agents.operator.reconcile.OutcomeSignal;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The operator's controllers on java-operator-sdk, configured for what every API server supports:
 * no server-side apply anywhere (status is written with update and resourceVersion, owned objects
 * with create/update, annotations with JSON merge patch). Started the same way in production, in
 * the demo and in tests.
 */
public final class FailoverOperator implements AutoCloseable {
  /** Conflicts and API hiccups are retried soon, then less often, and never given up on. */
  static final GenericRetry RETRY = new GenericRetry()
      .setInitialInterval(250).setIntervalMultiplier(2).setMaxInterval(60_000).setMaxAttempts(-1);

  private final Operator operator;
  private final AgentReconciler agents;

  /**
   * @param namespaces the namespaces to watch; empty for all
   * @param leaderElection the Lease to hold while reconciling, if any
   */
  public record Options(Set<String> namespaces, String reportUrl, Optional<LeaderElectionConfiguration> leaderElection,
      String instance) {}

  private FailoverOperator(Operator operator, AgentReconciler agents) {
    this.operator = operator;
    this.agents = agents;
  }

  /** Starts the controllers and waits for their informers to sync (or for the Lease, with leader election). */
  public static FailoverOperator start(KubernetesClient client, Ledger ledger, Options options, Clock clock,
      FailoverMetrics metrics) {
    FailoverOperator created = create(client, ledger, options, clock, metrics);
    created.start();
    return created;
  }

  /** Registers the controllers without starting them, so that callers can wire the intake first. */
  public static FailoverOperator create(KubernetesClient client, Ledger ledger, Options options, Clock clock,
      FailoverMetrics metrics) {
    Operator operator = new Operator(overrider -> {
      overrider.withKubernetesClient(client)
          .withCloseClientOnStop(false)
          .withUseSSAToPatchPrimaryResource(false)
          .withSSABasedCreateUpdateMatchForDependentResources(false);
      options.leaderElection().ifPresent(overrider::withLeaderElectionConfiguration);
    });
    AgentReconciler agents = new AgentReconciler(ledger, new KubeEventRecorder(client, clock, options.instance()),
        options.reportUrl(), clock, metrics);
    operator.register(agents, namespaces(options.namespaces()));
    operator.register(new AgentTypeReconciler(clock), namespaces(options.namespaces()));
    return new FailoverOperator(operator, agents);
  }

  public void start() {
    operator.start();
  }

  private static <R extends io.fabric8.kubernetes.api.model.HasMetadata> Consumer<ControllerConfigurationOverrider<R>>
      namespaces(Set<String> namespaces) {
    return overrider -> {
      overrider.withRetry(RETRY);
      if (namespaces.isEmpty()) {
        overrider.watchingAllNamespaces();
      } else {
        overrider.settingNamespaces(namespaces);
      }
    };
  }

  private volatile long readyCheckedAt;
  private volatile boolean lastReady;

  /**
   * Ready once the controllers started and every informer has synced and is healthy. Asked on every
   * report, so the answer is reused for a second.
   */
  public boolean ready() {
    long now = System.nanoTime();
    if (now - readyCheckedAt > 1_000_000_000L || !lastReady) {
      lastReady = operator.getRuntimeInfo().isStarted() && operator.getRuntimeInfo().allEventSourcesAreHealthy();
      readyCheckedAt = now;
    }
    return lastReady;
  }

  public OutcomeSignal outcomeSignal() {
    return agents.outcomeSignal();
  }

  public ClusterView view() {
    return agents.view();
  }

  @Override
  public void close() {
    operator.stop();
    agents.close();
  }
}
