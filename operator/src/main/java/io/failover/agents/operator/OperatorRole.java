package io.failover.agents.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.failover.agents.access.AuthMode;
import io.failover.agents.access.KubernetesUsers;
import io.failover.agents.operator.controller.ClusterView;
import io.failover.agents.operator.controller.OutcomeSignal;
import io.failover.agents.operator.http.HttpLimits;
import io.failover.agents.operator.http.KubernetesCallers;
import io.failover.agents.operator.intake.OutcomeEndpoint;
import io.failover.agents.operator.intake.OutcomeIntake;
import io.failover.agents.operator.leader.Leadership;
import io.failover.agents.operator.ledger.Ledger;
import io.failover.agents.operator.metrics.FailoverMetrics;
import io.failover.agents.operator.query.LedgerReadEndpoints;
import io.failover.agents.operator.server.OperatorHealth;
import io.failover.agents.operator.server.OperatorHttpServer;
import io.failover.agents.operator.steering.ActionEndpoints;
import io.failover.agents.operator.tier.TierEndpoint;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator role: the ledger, the controllers and the HTTP interface, started in that order and
 * stopped in reverse. The HTTP port opens first so that liveness answers while informers sync;
 * readiness and intake wait for them.
 */
public final class OperatorRole implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorRole.class);
  public static final String DEFAULT_LEASE_NAME = "agent-failover-operator";

  /**
   * @param namespaces the namespaces to serve; empty for all
   * @param leaderElection hold the Lease {@code leaseName} while reconciling
   * @param leaseName the Lease; each release (and each shard of {@code namespaces}) needs its own
   * @param leaseNamespace where the Lease lives; empty to use the pod's own namespace
   * @param instance this replica's identity in the Lease and in Events
   * @param limits what the HTTP server bears from any client
   * @param auth how the read and action endpoints know their callers (NONE: the loopback demo only)
   */
  public record Settings(String host, int port, Path ledger, Duration retention, Set<String> namespaces,
      String reportUrl, boolean leaderElection, String leaseName, Optional<String> leaseNamespace, String instance,
      HttpLimits limits, AuthMode auth) {}

  /** How the ledger is opened; tests and monitoring may decorate it. */
  @FunctionalInterface
  public interface LedgerOpener {
    Ledger open(Path file, Duration retention, Clock clock);
  }

  private final Ledger ledger;
  private final OperatorHttpServer http;
  private final FailoverOperator operator;
  private final OutcomeIntake intake;
  private final FailoverMetrics metrics;
  private final TierEndpoint tier;

  private OperatorRole(Ledger ledger, OperatorHttpServer http, FailoverOperator operator, OutcomeIntake intake,
      FailoverMetrics metrics, TierEndpoint tier) {
    this.tier = tier;
    this.ledger = ledger;
    this.http = http;
    this.operator = operator;
    this.intake = intake;
    this.metrics = metrics;
  }

  public static OperatorRole start(KubernetesClient client, Settings settings, Clock clock) {
    return start(client, settings, clock, Leadership.exitProcess(), Ledger::open);
  }

  /**
   * Wires and starts the role: the ledger, the controllers (with the view of their caches and the
   * wake-up signal the intake shares), the intake, and the HTTP interface, in that order.
   *
   * @param onLeaseLost what to do when the Lease is lost while running (production: exit the process)
   */
  public static OperatorRole start(KubernetesClient client, Settings settings, Clock clock, Runnable onLeaseLost,
      LedgerOpener ledgerOpener) {
    FailoverMetrics metrics = new FailoverMetrics();
    Ledger ledger = ledgerOpener.open(settings.ledger(), settings.retention(), clock);
    ledger.observeCommits(metrics::ledgerCommit);
    FailoverOperator.Options options = new FailoverOperator.Options(settings.namespaces(), settings.reportUrl(),
        settings.leaderElection()
            ? Optional.of(new Leadership(settings.leaseName(), settings.leaseNamespace().orElseGet(client::getNamespace),
                settings.instance(), onLeaseLost))
            : Optional.empty(),
        settings.instance());
    ClusterView view = new ClusterView(settings.namespaces());
    OutcomeSignal wakeups = new OutcomeSignal();
    FailoverOperator operator = FailoverOperator.create(client, ledger, options, clock, metrics, view, wakeups);
    metrics.operatorState(() -> operator.ready() && ledger.healthy(), operator::leading);
    OutcomeIntake intake = new OutcomeIntake(view, ledger, wakeups, clock, metrics);
    KubernetesCallers callers = new KubernetesCallers(settings.auth(), new KubernetesUsers(client, clock));
    TierEndpoint tier = new TierEndpoint(view, operator::ready);
    OperatorHttpServer http = OperatorHttpServer.start(settings.host(), settings.port(), settings.limits(),
        new OutcomeEndpoint(intake, operator::ready, metrics),
        new LedgerReadEndpoints(ledger, view, clock, callers),
        new ActionEndpoints(callers, view, ledger, client, clock),
        tier,
        new OperatorHealth(operator::live, () -> operator.ready() && ledger.healthy()), metrics);
    try {
      operator.start();
      ledger.keepSequenceAbove(view::highestAppliedSeq);
    } catch (RuntimeException failed) {
      http.close();
      ledger.close();
      throw failed;
    }
    LOG.info("operator serving on port {} (namespaces: {}, ledger: {}, report URL: {}, leader election: {})",
        http.port(), settings.namespaces().isEmpty() ? "all" : String.join(",", settings.namespaces()),
        settings.ledger(), settings.reportUrl(), settings.leaderElection() ? "Lease " + settings.leaseName() : "off");
    return new OperatorRole(ledger, http, operator, intake, metrics, tier);
  }

  public int port() {
    return http.port();
  }

  /** Ready for reports: caches synced, the Lease held (with leader election) and the ledger able to commit. */
  public boolean ready() {
    return operator.ready() && ledger.healthy();
  }

  public FailoverOperator operator() {
    return operator;
  }

  public OutcomeIntake intake() {
    return intake;
  }

  public Ledger ledger() {
    return ledger;
  }

  public TierEndpoint tier() {
    return tier;
  }

  public FailoverMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    http.close();
    operator.close();
    ledger.close();
    metrics.close();
  }
}
