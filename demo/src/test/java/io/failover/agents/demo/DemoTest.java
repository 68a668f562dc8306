package io.failover.agents.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo, started as `demo` starts it, shows failover happening by itself. */
class DemoTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void theDemoFailsAnAgentOverByItselfAndTheDashboardShowsIt() throws Exception {
    try (Demo demo = Demo.start(new Demo.Settings(dir, 0, 0))) {
      assertThat(Files.readString(demo.kubeconfig())).contains("server: http://127.0.0.1:");
      HttpClient http = HttpClient.newHttpClient();
      List<String> seen = new ArrayList<>();

      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
        JsonNode agents = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(demo.dashboardUrl() + "api/v1/agents")).build(),
            HttpResponse.BodyHandlers.ofString()).body()).get("items");
        seen.clear();
        agents.forEach(agent -> seen.add(agent.get("name").asText() + "@" + agent.get("providerState").get("tier").asText()));
        return agents.size() == 5 && seen.stream().anyMatch(entry -> !entry.endsWith("@1"));
      });

      JsonNode events = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(demo.dashboardUrl()
          + "api/v1/namespaces/agents/agents/" + seen.stream().filter(e -> !e.endsWith("@1")).findFirst().orElseThrow()
              .split("@")[0] + "/provider-events")).build(), HttpResponse.BodyHandlers.ofString()).body());
      assertThat(events.get("items")).isNotEmpty();
    }
  }
}
