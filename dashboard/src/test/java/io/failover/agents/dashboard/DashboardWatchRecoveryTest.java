package io.failover.agents.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.failover.agents.api.Agent;
import io.failover.agents.api.AgentSpec;
import io.failover.agents.api.AgentStatus;
import io.failover.agents.dashboard.auth.AuthMode;
import io.failover.agents.dashboard.cluster.ClusterWatch;
import io.failover.agents.operator.testing.CuttableProxy;
import io.failover.agents.operator.testing.MockCluster;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard against an API server that is down when it starts, or goes away and comes back:
 * the fault is injected by cutting a relay between the dashboard's client and the mock API server.
 */
class DashboardWatchRecoveryTest {
  static final ClusterWatch.Timing QUICK = new ClusterWatch.Timing(Duration.ofMillis(100), Duration.ofMinutes(10), Duration.ofSeconds(4));

  MockCluster cluster;
  CuttableProxy proxy;
  KubernetesClient throughProxy;
  DashboardRole dashboard;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    cluster = MockCluster.start();
    agent("coder-1", 1);
    String master = cluster.client.getConfiguration().getMasterUrl();
    proxy = new CuttableProxy("127.0.0.1", URI.create(master).getPort());
    proxy.cut(); // each test says when the API server answers
    throughProxy = new KubernetesClientBuilder().withConfig(new ConfigBuilder(cluster.client.getConfiguration())
        .withMasterUrl(URI.create(master).getScheme() + "://127.0.0.1:" + proxy.port())
        .withRequestRetryBackoffLimit(0)
        .build()).build();
  }

  @AfterEach
  void stop() {
    if (dashboard != null) {
      dashboard.close();
    }
    throughProxy.close();
    proxy.close();
    cluster.close();
  }

  void agent(String name, int tier) {
    Agent agent = new Agent();
    agent.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("agents").build());
    agent.setSpec(new AgentSpec());
    agent.getSpec().setType("coder");
    Agent created = cluster.client.resource(agent).create();
    setTier(created, tier);
  }

  void setTier(Agent agent, int tier) {
    AgentStatus status = new AgentStatus();
    status.setTier(tier);
    status.setProvider(tier == 1 ? "anthropic" : "deepseek");
    agent.setStatus(status);
    cluster.client.resource(agent).updateStatus();
  }

  int status(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + dashboard.port() + path)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  String agents() throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + dashboard.port() + "/api/v1/agents")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  DashboardRole startDashboard() {
    return DashboardRole.start(throughProxy, new DashboardRole.Settings("127.0.0.1", 0, "http://127.0.0.1:9",
        AuthMode.NONE, Set.of()), Clock.systemUTC(), QUICK);
  }

  @Test
  void startedWhileTheApiServerIsDownItBecomesReadyOnceItAnswers() throws Exception {
    dashboard = startDashboard();
    Thread.sleep(1_000);
    assertThat(status("/health/readiness")).isEqualTo(503);
    assertThat(status("/health/liveness")).isEqualTo(200);

    proxy.restore();

    await().atMost(Duration.ofSeconds(20)).until(() -> status("/health/readiness") == 200);
    assertThat(agents()).contains("\"name\":\"coder-1\"");
  }

  @Test
  void watchesThatCannotRunForTooLongFailLivenessSoKubernetesRestartsTheDashboard() throws Exception {
    dashboard = startDashboard();

    await().atMost(Duration.ofSeconds(15)).until(() -> status("/health/liveness") == 503);
    assertThat(status("/health/readiness")).isEqualTo(503);

    proxy.restore();
    await().atMost(Duration.ofSeconds(20)).until(() -> status("/health/liveness") == 200 && status("/health/readiness") == 200);
  }

  @Test
  void changesMissedWhileTheApiServerWasAwayAreShownOnceItIsBack() throws Exception {
    proxy.restore();
    agent("coder-2", 1);
    dashboard = startDashboard();
    await().atMost(Duration.ofSeconds(10)).until(dashboard::ready);
    HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + dashboard.port()
        + "/api/v1/stream")).build(), HttpResponse.BodyHandlers.ofInputStream());
    BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
    readUntil(lines, "coder-2");

    proxy.cut();
    await().atMost(Duration.ofSeconds(10)).until(() -> status("/health/readiness") == 503);
    Thread.sleep(1_500); // a restart takes seconds: the watch's reconnects are refused meanwhile
    setTier(cluster.client.resources(Agent.class).inNamespace("agents").withName("coder-1").get(), 2);
    cluster.client.resources(Agent.class).inNamespace("agents").withName("coder-2").delete();
    agent("coder-3", 1);
    proxy.restore();

    await().atMost(Duration.ofSeconds(20)).until(() -> status("/health/readiness") == 200);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(agents())
        .contains("\"tier\":2").contains("coder-3").doesNotContain("coder-2"));
    String announced = readUntil(lines, "\"name\":\"coder-2\"}");
    assertThat(announced).as("the live stream announces what the fresh list found")
        .contains("\"tier\":2").contains("\"name\":\"coder-3\"").contains("event: agent-deleted");
    lines.close();
  }

  /** Reads lines until one contains the text, within 20 seconds; returns the lines read. */
  private static String readUntil(BufferedReader lines, String text) throws Exception {
    return CompletableFuture.supplyAsync(() -> {
      StringBuilder seen = new StringBuilder();
      try {
        String line;
        while ((line = lines.readLine()) != null) {
          seen.append(line).append('\n');
          if (line.contains(text)) {
            return seen.toString();
          }
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      throw new AssertionError("stream ended without " + text + ":\n" + seen);
    }).get(20, java.util.concurrent.TimeUnit.SECONDS);
  }
}
