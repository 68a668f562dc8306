package io.failover.agents.app;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.failover.agents.operator.OperatorRole;
import io.failover.agents.operator.http.HttpLimits;
import io.failover.agents.operator.kubernetes.FieldManager;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code operator}: the operator role against the cluster named by KUBECONFIG or the in-cluster config. */
@Command(name = "operator", mixinStandardHelpOptions = true,
    description = "Run the operator: controllers, outcome intake API and ledger.")
final class OperatorCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorCommand.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--port", defaultValue = "${env:AGENT_FAILOVER_PORT:-8080}",
      description = "HTTP port: intake API, health, metrics (env AGENT_FAILOVER_PORT; default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", defaultValue = "${env:AGENT_FAILOVER_HOST:-0.0.0.0}",
      description = "Address to listen on (env AGENT_FAILOVER_HOST; default ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--ledger", defaultValue = "${env:AGENT_FAILOVER_LEDGER:-data/ledger.db}",
      description = "SQLite ledger file, created when missing (env AGENT_FAILOVER_LEDGER; default ${DEFAULT-VALUE}).")
  Path ledger;

  @Option(names = "--retention", defaultValue = "${env:AGENT_FAILOVER_RETENTION:-30d}",
      description = "How long the ledger keeps history (env AGENT_FAILOVER_RETENTION; default ${DEFAULT-VALUE}).")
  String retention;

  @Option(names = "--namespaces", defaultValue = "${env:AGENT_FAILOVER_NAMESPACES:-}",
      description = "Comma-separated namespaces to watch; all when empty (env AGENT_FAILOVER_NAMESPACES).")
  String namespaces;

  @Option(names = "--report-url", defaultValue = "${env:AGENT_FAILOVER_REPORT_URL:-}",
      description = "Base URL agents use to reach the intake API (env AGENT_FAILOVER_REPORT_URL; "
          + "default http://localhost:<port>).")
  String reportUrl;

  @Option(names = "--leader-election", defaultValue = "${env:AGENT_FAILOVER_LEADER_ELECTION:-auto}",
      description = "Hold a Lease while reconciling: auto (on in a cluster), true or false "
          + "(env AGENT_FAILOVER_LEADER_ELECTION; default ${DEFAULT-VALUE}).")
  String leaderElection;

  @Option(names = "--auth", defaultValue = "${env:AGENT_FAILOVER_AUTH:-kubernetes}",
      description = "How the read and action endpoints know their callers: kubernetes (bearer tokens, checked with "
          + "TokenReview and SubjectAccessReview) or none (loopback --host only) (env AGENT_FAILOVER_AUTH; "
          + "default ${DEFAULT-VALUE}).")
  String auth;

  @Option(names = "--max-connections", defaultValue = "${env:AGENT_FAILOVER_MAX_CONNECTIONS:-4096}",
      description = "Open HTTP connections beyond which new ones are answered 503 "
          + "(env AGENT_FAILOVER_MAX_CONNECTIONS; default ${DEFAULT-VALUE}).")
  int maxConnections;

  @Option(names = "--lease-name", defaultValue = "${env:AGENT_FAILOVER_LEASE_NAME:-" + OperatorRole.DEFAULT_LEASE_NAME + "}",
      description = "Name of the Lease; one per release and per --namespaces shard (env AGENT_FAILOVER_LEASE_NAME; "
          + "default ${DEFAULT-VALUE}).")
  String leaseName;

  @Option(names = "--lease-namespace", defaultValue = "${env:AGENT_FAILOVER_LEASE_NAMESPACE:-}",
      description = "Namespace of the Lease; default the pod's own (env AGENT_FAILOVER_LEASE_NAMESPACE).")
  String leaseNamespace;

  OperatorRole.Settings settings() {
    CommandLine commandLine = spec.commandLine();
    int checkedPort = Options.port(commandLine, "--port", port, true);
    boolean inCluster = System.getenv("KUBERNETES_SERVICE_HOST") != null;
    boolean election = switch (leaderElection) {
      case "auto" -> inCluster;
      case "true" -> true;
      case "false" -> false;
      default -> throw Options.invalid(commandLine, "--leader-election", "'" + leaderElection + "' is not auto, true or false");
    };
    return new OperatorRole.Settings(host, checkedPort, ledger, Options.duration(commandLine, "--retention", retention),
        Options.namespaces(commandLine, "--namespaces", namespaces),
        reportUrl.isBlank() ? "http://localhost:" + checkedPort : Options.httpUrl(commandLine, "--report-url", reportUrl),
        election, Options.dnsName(commandLine, "--lease-name", leaseName),
        Optional.of(leaseNamespace).filter(ns -> !ns.isBlank()), instance(),
        HttpLimits.DEFAULTS.withMaxConnections(Options.positive(commandLine, "--max-connections", maxConnections)),
        Options.auth(commandLine, auth, host));
  }

  @Override
  public Integer call() throws InterruptedException {
    OperatorRole.Settings settings = settings();
    KubernetesClient client = new KubernetesClientBuilder().withConfig(FieldManager.named(Config.autoConfigure(null))).build();
    LOG.info("connecting to {}", client.getMasterUrl());
    OperatorRole role;
    try {
      role = OperatorRole.start(client, settings, Clock.systemUTC());
    } catch (RuntimeException failed) {
      client.close();
      throw failed;
    }
    RoleLifecycle.runUntilStopped("operator", () -> {
      role.close();
      client.close();
    });
    return 0;
  }

  private static String instance() {
    return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("agent-failover-" + ProcessHandle.current().pid());
  }
}
