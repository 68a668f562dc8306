package io.failover.agents.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.failover.agents.operator.controller.AgentReconciler;
import io.failover.agents.operator.controller.AgentTypeReconciler;
import io.failover.agents.operator.controller.ClusterView;
import io.failover.agents.operator.controller.OutcomeSignal;
import io.failover.agents.operator.history.KubernetesEvents;
import io.failover.agents.operator.kubernetes.TerminatingNamespaces;
import io.failover.agents.operator.leader.Leadership;
import io.failover.agents.operator.ledger.Ledger;
import io.failover.agents.operator.metrics.FailoverMetrics;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's controllers on java-operator-sdk, configured for what every API server supports:
 * no server-side apply anywhere (status is written with update and resourceVersion, owned objects
 * with create/update, annotations with JSON merge patch). Started the same way in production, in
 * the demo and in tests.
 */
public final class FailoverOperator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FailoverOperator.class);
  /** Conflicts and API hiccups are retried soon, then less often, and never given up on. */
  static final GenericRetry RETRY = new GenericRetry()
      .setInitialInterval(250).setIntervalMultiplier(2).setMaxInterval(60_000).setMaxAttempts(-1);

  /**
   * Reconciles running at once, each making its writes one after the other: the bound on the
   * operator's concurrent requests to the API server (fabric8 adds no client-side limit of its own),
   * so that a fleet failing over at once queues here rather than in the API server's fairness queues.
   */
  public static final int RECONCILE_THREADS = 50;
  /** How long a stopping operator waits for running reconciles, within the 10 s a SIGTERM allows. */
  static final Duration RECONCILE_TERMINATION_TIMEOUT = Duration.ofSeconds(5);

  private final Operator operator;
  private final AgentReconciler agents;
  private final AgentTypeReconciler types;
  private final KubernetesClient client;
  private final Optional<Leadership> leadership;
  private volatile boolean stopping;
  private volatile String deadWatch;

  /**
   * @param namespaces the namespaces to watch; empty for all
   * @param leadership the Lease to hold while reconciling, if any
   */
  public record Options(Set<String> namespaces, String reportUrl, Optional<Leadership> leadership, String instance) {}

  private FailoverOperator(Operator operator, AgentReconciler agents, AgentTypeReconciler types, KubernetesClient client,
      Optional<Leadership> leadership) {
    this.operator = operator;
    this.agents = agents;
    this.types = types;
    this.client = client;
    this.leadership = leadership;
  }

  /** Registers the controllers without starting them, so that callers can wire the intake first. */
  public static FailoverOperator create(KubernetesClient client, Ledger ledger, Options options, Clock clock,
      FailoverMetrics metrics, ClusterView view, OutcomeSignal wakeups) {
    FailoverOperator[] created = new FailoverOperator[1];
    Operator operator = new Operator(overrider -> {
      overrider.withKubernetesClient(client)
          .withCloseClientOnStop(false)
          .withUseSSAToPatchPrimaryResource(false)
          .withSSABasedCreateUpdateMatchForDependentResources(false)
          .withReconciliationTerminationTimeout(RECONCILE_TERMINATION_TIMEOUT)
          .withConcurrentReconciliationThreads(RECONCILE_THREADS)
          .withInformerStoppedHandler((informer, failure) -> created[0].watchStopped(informer, failure))
          .withMetrics(metrics.controllers());
      options.leadership().map(Leadership::configuration).ifPresent(overrider::withLeaderElectionConfiguration);
    });
    TerminatingNamespaces terminating = new TerminatingNamespaces();
    KubernetesEvents recorder = new KubernetesEvents(client, clock, options.instance(), terminating);
    AgentReconciler agents = new AgentReconciler(ledger, recorder, options.reportUrl(), clock, metrics,
        terminating, view, wakeups);
    operator.register(agents, namespaces(options.namespaces()));
    AgentTypeReconciler types = new AgentTypeReconciler(ledger, clock, metrics, recorder);
    operator.register(types, namespaces(options.namespaces()));
    created[0] = new FailoverOperator(operator, agents, types, client, options.leadership());
    return created[0];
  }

  /** JOSDK's default would System.exit from the informer's thread; a dead watch fails liveness instead. */
  private void watchStopped(SharedIndexInformer<?> informer, Throwable failure) {
    if (stopping || failure == null) {
      return;
    }
    deadWatch = informer.getApiTypeClass().getSimpleName() + ": " + failure.getMessage();
    LOG.error("a watch stopped and will not recover ({}); liveness now fails so that the pod is restarted", deadWatch);
  }

  /**
   * False once a watch has stopped for good (the client reconnects a dropped watch by itself; it
   * gives up on one it cannot read): the process cannot recover and should be restarted rather than
   * stay alive and unready forever (SPEC section 11).
   */
  public boolean live() {
    return deadWatch == null;
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
   * Ready once the controllers started, every informer has synced and is healthy, and, with leader
   * election, this replica holds the Lease (the others take no reports). Asked on every report, so
   * the informers' answer is reused for a second.
   */
  public boolean ready() {
    long now = System.nanoTime();
    if (now - readyCheckedAt > 1_000_000_000L || !lastReady) {
      lastReady = operator.getRuntimeInfo().isStarted() && operator.getRuntimeInfo().allEventSourcesAreHealthy();
      readyCheckedAt = now;
    }
    return lastReady && leadership.map(Leadership::leading).orElse(true);
  }

  /** This replica holds the Lease (always true without leader election). */
  public boolean leading() {
    return leadership.map(Leadership::leading).orElse(true);
  }


  /** Stops reconciling, gives the Lease to the next leader, and writes the history recorded so far. */
  @Override
  public void close() {
    stopping = true;
    leadership.ifPresent(Leadership::stopping);
    operator.stop();
    leadership.ifPresent(held -> held.release(client));
    agents.close();
    types.close();
  }
}
