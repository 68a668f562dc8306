package io.failover.agents.app.kit;

import static io.failover.agents.app.kit.AnthropicStub.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long a provider failure takes to reach the operator with the agent image's settings: from the
 * stub's first failing answer to the report's arrival, for a 401, a 429 with retry-after 30 and a 529,
 * through the wrapper and the real, pinned CLI. Prints figures and asserts nothing about time; run with
 * {@code mvn -B -pl app -am test -Pbenchmark -Dtest=ClaudeCliFailoverBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class ClaudeCliFailoverBenchmark {
  static final int RUNS = 5;

  @TempDir Path dir;

  @Test
  void firstFailingAnswerToReport() throws Exception {
    ClaudeCli.require();
    Map<String, AnthropicStub.Answer> answers = Map.of(
        "401 authentication_error", failure(401, "authentication_error", "invalid x-api-key"),
        "429 rate_limit_error, retry-after 30", ClaudeCliTest.rateLimited(),
        "529 overloaded_error", failure(529, "overloaded_error", "Overloaded"));
    System.out.printf("Claude Code %s, image settings %s, %d runs each%n", ClaudeCli.pinnedVersion(), ClaudeCli.imageEnv(), RUNS);
    for (Map.Entry<String, AnthropicStub.Answer> answer : answers.entrySet()) {
      List<Long> millis = new ArrayList<>();
      for (int run = 0; run < RUNS; run++) {
        millis.add(once(answer.getValue(), dir.resolve(answer.getKey().substring(0, 3) + "-" + run)).toMillis());
      }
      millis.sort(null);
      System.out.printf("%-40s first failing answer to report: min %d ms, median %d ms, max %d ms%n", answer.getKey(),
          millis.get(0), millis.get(RUNS / 2), millis.get(RUNS - 1));
    }
  }

  private static Duration once(AnthropicStub.Answer answer, Path work) throws Exception {
    Files.createDirectories(work);
    try (AnthropicStub stub = new AnthropicStub(answer);
        RefusingProxy proxy = new RefusingProxy();
        RecordingServer intake = new RecordingServer(202)) {
      Map<String, String> env = new HashMap<>(ClaudeCli.env(work.resolve("home"), stub.baseUrl(), proxy));
      env.putAll(Map.of("FAILOVER_REPORT_URL", intake.url(), "FAILOVER_REPORT_TOKEN", "tok", "AGENT_NAMESPACE", "agents",
          "AGENT_NAME", "coder-1", "AGENT_TIER", "1", "AGENT_PROVIDER", "anthropic"));
      KitProcess.run(KitProcess.claudeWrapper("-p", "task"), env, work);
      assertThat(intake.requests).hasSize(1);
      return Duration.between(stub.firstFailure(), intake.requests.get(0).at());
    }
  }
}
