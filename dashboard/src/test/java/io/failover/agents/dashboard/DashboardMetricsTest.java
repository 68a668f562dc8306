package io.failover.agents.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.failover.agents.access.AuthMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's own /metrics: open like its health endpoints, with the JVM's metrics, readiness and its answers by status. */
class DashboardMetricsTest {
  @TempDir Path dir;

  @Test
  void metricsAnswerWithoutSignInAndCountTheAnswersByStatus() throws Exception {
    try (RunningDashboard running = RunningDashboard.start(dir, AuthMode.KUBERNETES)) {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(running.url + "/api/v1/agents")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode()).isEqualTo(401);

      HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(running.url + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
      assertThat(metrics.body()).contains("failover_dashboard_ready 1.0", "failover_dashboard_http_responses_total{code=\"401\"} 1.0",
          "jvm_memory_used_bytes{", "process_cpu_usage", "process_uptime_seconds");
      assertThat(metrics.body()).as("the operator's series are the operator's").doesNotContain("failover_agent_tier");
    }
  }
}
