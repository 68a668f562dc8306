package io.failover.agents.app.kit;

import static io.failover.agents.operator.testing.RunningOperator.THREE_TIERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.failover.agents.operator.failover.Classifier;
import io.failover.agents.operator.failover.OutcomeKind;
import io.failover.agents.operator.failover.TaskReport;
import io.failover.agents.operator.testing.RunningOperator;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * agent-kit/failover-claude on recorded Claude Code outputs: a stand-in `claude` prints a fixture and
 * exits with a chosen status; the wrapper's report must classify as the provider failure it records.
 */
class ClaudeWrapperTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  Map<String, String> env;

  @BeforeAll
  static void needsNode() {
    assumeTrue(KitProcess.installed("node"), "Node.js is not installed; the Claude Code wrapper needs it");
  }

  @BeforeEach
  void environment() {
    env = new HashMap<>(Map.of("FAILOVER_REPORT_TOKEN", "tok-abc", "AGENT_NAMESPACE", "agents", "AGENT_NAME", "coder-1",
        "AGENT_TIER", "1", "AGENT_PROVIDER", "anthropic", "FAILOVER_REPORT_BACKOFF", "0.05",
        "FAILOVER_REPORT_ATTEMPTS", "3"));
  }

  /** A `claude` stand-in that prints the fixture, records its arguments and exits with the given status. */
  Path fakeClaude(String fixture, int exit) throws IOException {
    Path output = dir.resolve("claude-output.json");
    try (InputStream recorded = getClass().getResourceAsStream("/claude-code/" + fixture)) {
      Files.write(output, recorded.readAllBytes());
    }
    Path script = dir.resolve("claude");
    Files.writeString(script, "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + dir.resolve("args.txt") + "'\ncat '" + output
        + "'\nexit " + exit + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  KitProcess.Result wrap(RecordingServer server, String fixture, int exit) throws Exception {
    env.put("FAILOVER_CLAUDE_BIN", fakeClaude(fixture, exit).toString());
    env.put("FAILOVER_REPORT_URL", server.url());
    return KitProcess.run(KitProcess.claudeWrapper("-p", "fix the failing test"), env, dir);
  }

  static OutcomeKind classified(JsonNode report) {
    return report.path("result").asText().equals("success") ? Classifier.classify(TaskReport.succeeded())
        : Classifier.classify(TaskReport.failed(report.path("httpStatus").asInt(), report.path("errorType").asText(null),
            report.path("errorCode").asText(null), report.path("message").asText(null)));
  }

  @ParameterizedTest(name = "{0} → {2}")
  @CsvSource({
      "auth-401.json,        1, auth,        401, authentication_error",
      "rate-limit-429.json,  1, rateLimit,   429, rate_limit_error",
      "overloaded-529.json,  1, serverError, 529, overloaded_error",
      "credit-balance.json,  1, quota,       400, invalid_request_error",
      "deepseek-402.json,    1, quota,       402, unknown_error",
  })
  void aProviderFailureIsReportedWithItsStatusTypeAndKind(String fixture, int exit, String kind, int status,
      String errorType) throws Exception {
    try (RecordingServer server = new RecordingServer(202)) {
      KitProcess.Result result = wrap(server, fixture, exit);

      assertThat(result.exit()).as(result.err()).isEqualTo(exit);
      JsonNode report = JSON.readTree(server.requests.get(0).body());
      assertThat(report.path("result").asText()).isEqualTo("error");
      assertThat(report.path("httpStatus").asInt()).isEqualTo(status);
      assertThat(report.path("errorType").asText()).isEqualTo(errorType);
      assertThat(report.path("tier").asInt()).isEqualTo(1);
      assertThat(report.path("provider").asText()).isEqualTo("anthropic");
      assertThat(classified(report).wireName()).isEqualTo(kind);
    }
  }

  @Test
  void aRateLimitCarriesItsRetryAfterAndTheTokensSpentBeforeIt() throws Exception {
    try (RecordingServer server = new RecordingServer(202)) {
      wrap(server, "rate-limit-429.json", 1);

      JsonNode report = JSON.readTree(server.requests.get(0).body());
      assertThat(report.path("retryAfterSeconds").asInt()).isEqualTo(45);
      assertThat(report.path("inputTokens").asInt()).isEqualTo(2100);
      assertThat(report.path("outputTokens").asInt()).isEqualTo(120);
    }
  }

  @Test
  void aSuccessReportsAllInputTokensIncludingCacheAndPrintsTheAnswer() throws Exception {
    try (RecordingServer server = new RecordingServer(202)) {
      KitProcess.Result result = wrap(server, "success.json", 0);

      assertThat(result.exit()).as(result.err()).isZero();
      assertThat(result.out()).isEqualTo("Fixed the failing test: the date parser now accepts ISO weeks.\n");
      RecordingServer.Request request = server.requests.get(0);
      assertThat(request.authorization()).isEqualTo("Bearer tok-abc");
      assertThat(request.contentType()).startsWith("application/json");
      JsonNode report = JSON.readTree(request.body());
      assertThat(report.path("result").asText()).isEqualTo("success");
      assertThat(report.path("inputTokens").asInt()).isEqualTo(1200 + 3000 + 15000);
      assertThat(report.path("outputTokens").asInt()).isEqualTo(840);
      assertThat(report.path("id").asText()).matches("[0-9a-f-]{36}");
      assertThat(report.has("httpStatus")).isFalse();
      assertThat(classified(report)).isEqualTo(OutcomeKind.SUCCESS);
    }
  }

  @Test
  void claudeRunsInPrintModeWithJsonOutput() throws Exception {
    try (RecordingServer server = new RecordingServer(202)) {
      wrap(server, "success.json", 0);

      assertThat(Files.readAllLines(dir.resolve("args.txt")))
          .containsExactly("-p", "fix the failing test", "--output-format", "json");
    }
  }

  @Test
  void anAuthFailureReportedToARunningOperatorMovesTheAgentDown() throws Exception {
    try (RunningOperator op = RunningOperator.start(dir.resolve("operator"))) {
      op.providerKeys();
      op.agentType("coder", THREE_TIERS);
      op.agent("coder-1", "coder");
      await().atMost(Duration.ofSeconds(10)).until(() -> op.env("coder-1").containsKey("FAILOVER_REPORT_TOKEN"));
      env.putAll(op.env("coder-1"));
      env.put("FAILOVER_REPORT_URL", op.http() + "/api/v1/namespaces/agents/agents/coder-1/outcomes");
      env.put("FAILOVER_CLAUDE_BIN", fakeClaude("auth-401.json", 1).toString());

      KitProcess.Result result = KitProcess.run(KitProcess.claudeWrapper("-p", "task"), env, dir);

      assertThat(result.exit()).as(result.err()).isEqualTo(1);
      await().atMost(Duration.ofSeconds(5)).until(() -> op.get("coder-1").getStatus().getTier() == 2);
      assertThat(op.get("coder-1").getStatus().getLastFailureKind()).isEqualTo("auth");
    }
  }

  @Test
  void jsonOutputModePassesClaudesJsonThrough() throws Exception {
    env.put("FAILOVER_CLAUDE_OUTPUT", "json");
    try (RecordingServer server = new RecordingServer(202)) {
      KitProcess.Result result = wrap(server, "success.json", 0);

      assertThat(JSON.readTree(result.out()).path("session_id").asText()).isEqualTo("2f6e0f4e-3c1a-4b8e-9f6b-5d2c8a1e7b90");
    }
  }

  @Test
  void aFailedDeliveryIsSaidOnStderrAndKeepsClaudesExitCode() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    env.put("FAILOVER_CLAUDE_BIN", fakeClaude("auth-401.json", 1).toString());
    env.put("FAILOVER_REPORT_URL", "http://127.0.0.1:" + closedPort + "/api/v1/namespaces/agents/agents/coder-1/outcomes");

    KitProcess.Result result = KitProcess.run(KitProcess.claudeWrapper("-p", "task"), env, dir);

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err()).contains("could not report the outcome: gave up after 3 attempts");
  }

  @Test
  void aRefusedReportIsNotRetried() throws Exception {
    try (RecordingServer server = new RecordingServer(400, 202)) {
      KitProcess.Result result = wrap(server, "success.json", 0);

      assertThat(result.exit()).isZero();
      assertThat(server.requests).hasSize(1);
      assertThat(result.err()).contains("refused the report (400)");
    }
  }

  @Test
  void aBusyOperatorIsRetriedWithTheSameId() throws Exception {
    try (RecordingServer server = new RecordingServer(503, 429, 202)) {
      KitProcess.Result result = wrap(server, "success.json", 0);

      assertThat(result.exit()).as(result.err()).isZero();
      assertThat(server.requests).hasSize(3)
          .extracting(request -> JSON.readTree(request.body()).path("id").asText()).containsOnly(
              JSON.readTree(server.requests.get(0).body()).path("id").asText());
    }
  }

  @Test
  void aMissingClaudeIsExit127AndIsStillReported() throws Exception {
    env.put("FAILOVER_CLAUDE_BIN", dir.resolve("no-such-claude").toString());
    try (RecordingServer server = new RecordingServer(202)) {
      env.put("FAILOVER_REPORT_URL", server.url());

      KitProcess.Result result = KitProcess.run(KitProcess.claudeWrapper("-p", "task"), env, dir);

      assertThat(result.exit()).isEqualTo(127);
      assertThat(result.err()).contains("cannot run " + dir.resolve("no-such-claude"));
      assertThat(JSON.readTree(server.requests.get(0).body()).path("result").asText()).isEqualTo("error");
    }
  }

  @Test
  void aMissingVariableIsNamedAndClaudeIsNotRun() throws Exception {
    env.remove("FAILOVER_REPORT_TOKEN");
    try (RecordingServer server = new RecordingServer(202)) {
      KitProcess.Result result = wrap(server, "success.json", 0);

      assertThat(result.exit()).isEqualTo(2);
      assertThat(result.err().strip()).isEqualTo("failover-claude: FAILOVER_REPORT_TOKEN is not set (the operator sets it in the agent's env Secret)");
      assertThat(server.requests).isEmpty();
      assertThat(dir.resolve("args.txt")).doesNotExist();
    }
  }

  @Test
  void theTokenNeverAppearsInOutput() throws Exception {
    try (RecordingServer server = new RecordingServer(400)) {
      KitProcess.Result result = wrap(server, "auth-401.json", 1);

      assertThat(result.out() + result.err()).doesNotContain("tok-abc");
    }
  }
}
