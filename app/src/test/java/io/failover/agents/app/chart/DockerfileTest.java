package io.failover.agents.app.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The image (there is no Docker engine here to build it): a JRE base, the launcher as entrypoint,
 * and the same numeric non-root user the chart's pods run as.
 */
class DockerfileTest {
  static final Path DOCKERFILE = Chart.DIR.resolve("../../Dockerfile").normalize();

  @Test
  void theImageRunsTheLauncherAsTheUserTheChartExpects() throws IOException {
    List<String> lines = Files.readAllLines(DOCKERFILE);
    String finalStage = String.join("\n", lines.subList(lastFrom(lines), lines.size()));

    assertThat(finalStage).contains("FROM eclipse-temurin:17-jre");
    assertThat(finalStage).contains("COPY --from=build /src/app/target/agent-failover.jar /app/agent-failover.jar");
    assertThat(finalStage).contains("ENTRYPOINT [\"java\", \"-jar\", \"/app/agent-failover.jar\"]");
    assertThat(finalStage).contains("COPY --chmod=0755 agent-kit/failover-report agent-kit/failover-claude agent-kit/failover-tier /agent-kit/");
    JsonNode pod = Chart.one(Chart.render(Map.of()), "Deployment", ChartTest.OPERATOR).at("/spec/template/spec/securityContext");
    assertThat(finalStage).contains("USER " + pod.get("runAsUser").asInt() + ":" + pod.get("runAsGroup").asInt());
  }

  private static int lastFrom(List<String> lines) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).startsWith("FROM ")) {
        return i;
      }
    }
    throw new AssertionError("no FROM in " + DOCKERFILE);
  }
}
