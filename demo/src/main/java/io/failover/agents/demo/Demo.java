package io.failover.agents.demo;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.failover.agents.access.AuthMode;
import io.failover.agents.dashboard.DashboardRole;
import io.failover.agents.demo.cluster.EmbeddedCluster;
import io.failover.agents.demo.kubectl.KubectlFront;
import io.failover.agents.operator.OperatorRole;
import io.failover.agents.operator.http.HttpLimits;
import io.failover.agents.operator.ledger.Ledger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The whole product on one machine: an embedded Kubernetes API with the CRDs and the example
 * manifests, the operator and dashboard roles on loopback, and simulated agents that report tasks
 * through the real intake API. Closing it stops everything, newest first.
 */
public final class Demo implements AutoCloseable {
  public static final String NAMESPACE = "agents";

  /**
   * @param dashboardPort 0 for any free port
   * @param apiPort where kubectl reaches the embedded API (the front before the mock), 0 for any free port
   */
  public record Settings(Path dir, int dashboardPort, int apiPort) {}

  private final List<AutoCloseable> started;
  private final String dashboardUrl;
  private final Path kubeconfig;

  private Demo(List<AutoCloseable> started, String dashboardUrl, Path kubeconfig) {
    this.started = started;
    this.dashboardUrl = dashboardUrl;
    this.kubeconfig = kubeconfig;
  }

  public static Demo start(Settings settings) {
    List<AutoCloseable> started = new ArrayList<>();
    try {
      Path ledger = settings.dir().resolve("ledger.db");
      deleteLedger(ledger);
      EmbeddedCluster cluster = track(started, EmbeddedCluster.start(0));
      KubectlFront front = track(started, KubectlFront.start(settings.apiPort(), cluster.url(), cluster.client()));
      Path kubeconfig = Kubeconfig.write(settings.dir().resolve("kubeconfig"), front.url());
      ExampleManifests.apply(cluster.client());
      int operatorPort = freeLoopbackPort();
      String operatorUrl = "http://127.0.0.1:" + operatorPort;
      // each role with a client of its own, so that what it writes names it as the field manager
      KubernetesClient operatorClient = track(started, new KubernetesClientBuilder()
          .withConfig(io.failover.agents.operator.kubernetes.FieldManager.named(cluster.client().getConfiguration())).build());
      KubernetesClient dashboardClient = track(started, new KubernetesClientBuilder()
          .withConfig(io.failover.agents.dashboard.http.FieldManager.named(cluster.client().getConfiguration())).build());
      track(started, OperatorRole.start(operatorClient, new OperatorRole.Settings("127.0.0.1", operatorPort, ledger,
          Ledger.DEFAULT_RETENTION, Set.of(), operatorUrl, false, OperatorRole.DEFAULT_LEASE_NAME, Optional.empty(), "demo",
          HttpLimits.DEFAULTS, AuthMode.NONE), Clock.systemUTC()));
      DashboardRole dashboard = track(started, DashboardRole.start(dashboardClient, new DashboardRole.Settings(
          "127.0.0.1", settings.dashboardPort(), operatorUrl, AuthMode.NONE, Set.of()), Clock.systemUTC()));
      AgentSimulator simulator = track(started, new AgentSimulator(cluster.client(), NAMESPACE));
      simulator.start();
      return new Demo(started, "http://127.0.0.1:" + dashboard.port() + "/", kubeconfig);
    } catch (RuntimeException failed) {
      closeAll(started);
      throw failed;
    }
  }

  /** A port for the operator, known before it starts because every agent's report URL names it. */
  private static int freeLoopbackPort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port for the operator", e);
    }
  }

  private static void deleteLedger(Path ledger) {
    try {
      for (String suffix : new String[] {"", "-wal", "-shm"}) {
        Files.deleteIfExists(Path.of(ledger + suffix));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear the demo ledger " + ledger, e);
    }
  }

  private static <T extends AutoCloseable> T track(List<AutoCloseable> started, T resource) {
    started.add(resource);
    return resource;
  }

  public String dashboardUrl() {
    return dashboardUrl;
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  @Override
  public void close() {
    closeAll(started);
  }

  private static void closeAll(List<AutoCloseable> started) {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception ignored) {
        // stop the rest regardless
      }
    }
    started.clear();
  }
}
