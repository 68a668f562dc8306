package io.failover.agents.app;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.failover.agents.access.AuthMode;
import io.failover.agents.dashboard.DashboardRole;
import io.failover.agents.dashboard.http.FieldManager;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code dashboard}: the web role, against the cluster named by KUBECONFIG or the in-cluster config. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
    description = "Run the dashboard: the agents page and its JSON API.")
final class DashboardCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--port", defaultValue = "${env:AGENT_FAILOVER_PORT:-8081}",
      description = "HTTP port (env AGENT_FAILOVER_PORT; default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", defaultValue = "${env:AGENT_FAILOVER_HOST:-}",
      description = "Address to listen on (env AGENT_FAILOVER_HOST; default 0.0.0.0, or 127.0.0.1 with --auth none).")
  String host;

  @Option(names = "--operator-url", defaultValue = "${env:AGENT_FAILOVER_OPERATOR_URL:-http://localhost:8080}",
      description = "The operator's HTTP API, for the ledger and budget usage (env AGENT_FAILOVER_OPERATOR_URL; "
          + "default ${DEFAULT-VALUE}).")
  String operatorUrl;

  @Option(names = "--namespaces", defaultValue = "${env:AGENT_FAILOVER_NAMESPACES:-}",
      description = "Comma-separated namespaces to show; all when empty (env AGENT_FAILOVER_NAMESPACES).")
  String namespaces;

  @Option(names = "--auth", defaultValue = "${env:AGENT_FAILOVER_AUTH:-kubernetes}",
      description = "kubernetes (users sign in with a Kubernetes token) or none (demo only: loopback only) "
          + "(env AGENT_FAILOVER_AUTH; default ${DEFAULT-VALUE}).")
  String auth;

  DashboardRole.Settings settings() {
    CommandLine commandLine = spec.commandLine();
    String address = host.isBlank() ? ("none".equals(auth) ? "127.0.0.1" : "0.0.0.0") : host;
    AuthMode mode = Options.auth(commandLine, auth, address);
    return new DashboardRole.Settings(address, Options.port(commandLine, "--port", port, true),
        Options.httpUrl(commandLine, "--operator-url", operatorUrl), mode,
        Options.namespaces(commandLine, "--namespaces", namespaces));
  }

  @Override
  public Integer call() throws InterruptedException {
    DashboardRole.Settings settings = settings();
    KubernetesClient client = new KubernetesClientBuilder().withConfig(FieldManager.named(Config.autoConfigure(null))).build();
    DashboardRole role;
    try {
      role = DashboardRole.start(client, settings, Clock.systemUTC());
    } catch (RuntimeException failed) {
      client.close();
      throw failed;
    }
    RoleLifecycle.runUntilStopped("dashboard", () -> {
      role.close();
      client.close();
    });
    return 0;
  }
}
