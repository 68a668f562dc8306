package io.failover.agents.app.kit;

import static io.failover.agents.app.kit.AnthropicStub.failure;
import static io.failover.agents.app.kit.AnthropicStub.message;
import static io.failover.agents.app.kit.AnthropicStub.text;
import static io.failover.agents.operator.testing.RunningOperator.THREE_TIERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * agent-kit/failover-claude's own rules: how it runs Claude, delivers the report (retries, refusals,
 * the token), and what it does without Claude or its environment. Claude is the real, pinned CLI
 * against the Messages API stub, except where a case needs output that CLI no longer prints.
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

  /** Runs the wrapper with the real CLI against a stub answering {@code answer}, reporting to {@code reportUrl}. */
  KitProcess.Result wrapRealCli(AnthropicStub.Answer answer, String reportUrl, String... args) throws Exception {
    try (AnthropicStub stub = new AnthropicStub(answer); RefusingProxy proxy = new RefusingProxy()) {
      env.putAll(ClaudeCli.env(dir.resolve("home"), stub.baseUrl(), proxy));
      env.put("FAILOVER_REPORT_URL", reportUrl);
      return KitProcess.run(KitProcess.claudeWrapper(args), env, dir);
    }
  }

  /** A `claude` stand-in that records its arguments and environment, prints the fixture and exits 0. */
  Path recordedClaude(String fixture) throws IOException {
    Path output = dir.resolve("claude-output.jsonl");
    try (InputStream recorded = getClass().getResourceAsStream("/claude-code/" + fixture)) {
      Files.write(output, recorded.readAllBytes());
    }
    Path script = dir.resolve("claude");
    Files.writeString(script, "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + dir.resolve("args.txt") + "'\n"
        + "env > '" + dir.resolve("env.txt") + "'\ncat '" + output + "'\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  @Test
  void claudeRunsInPrintModeWithTheStreamAndBoundedRetriesUnlessTheUserSetsThem() throws Exception {
    env.put("FAILOVER_CLAUDE_BIN", recordedClaude("usage-only-in-model-usage.jsonl").toString());
    try (RecordingServer server = new RecordingServer(202)) {
      env.put("FAILOVER_REPORT_URL", server.url());

      KitProcess.run(KitProcess.claudeWrapper("fix the failing test", "--output-format", "json"), env, dir);
      assertThat(Files.readAllLines(dir.resolve("args.txt")))
          .containsExactly("-p", "fix the failing test", "--output-format", "stream-json", "--verbose");
      assertThat(Files.readAllLines(dir.resolve("env.txt"))).contains("CLAUDE_CODE_MAX_RETRIES=2");

      env.put("CLAUDE_CODE_MAX_RETRIES", "5");
      KitProcess.run(KitProcess.claudeWrapper("--print", "--verbose", "task"), env, dir);
      assertThat(Files.readAllLines(dir.resolve("args.txt")))
          .containsExactly("--print", "--verbose", "task", "--output-format", "stream-json");
      assertThat(Files.readAllLines(dir.resolve("env.txt"))).contains("CLAUDE_CODE_MAX_RETRIES=5");
    }
  }

  /** Hand-written (see resources/claude-code/README.md): earlier 2.1 releases kept these tokens only in modelUsage. */
  @Test
  void tokensOnlyInModelUsageAreReportedAndTheAnswerPrinted() throws Exception {
    env.put("FAILOVER_CLAUDE_BIN", recordedClaude("usage-only-in-model-usage.jsonl").toString());
    try (RecordingServer server = new RecordingServer(202)) {
      env.put("FAILOVER_REPORT_URL", server.url());

      KitProcess.Result result = KitProcess.run(KitProcess.claudeWrapper("-p", "task"), env, dir);

      assertThat(result.exit()).as(result.err()).isZero();
      assertThat(result.out()).isEqualTo("Fixed the failing test.\n");
      JsonNode report = JSON.readTree(server.requests.get(0).body());
      assertThat(report.path("result").asText()).isEqualTo("success");
      assertThat(report.path("inputTokens").asInt()).isEqualTo(1200 + 3000 + 15000);
      assertThat(report.path("outputTokens").asInt()).isEqualTo(840);
    }
  }

  @Test
  void aSuccessIsReportedWithTheTokenInTheHeaderAndAFreshId() throws Exception {
    ClaudeCli.require();
    try (RecordingServer server = new RecordingServer(202)) {
      KitProcess.Result result = wrapRealCli(message(25, 12, text("Fixed.")), server.url(), "-p", "task");

      assertThat(result.exit()).as(result.err()).isZero();
      assertThat(result.out()).isEqualTo("Fixed.\n");
      RecordingServer.Request request = server.requests.get(0);
      assertThat(request.authorization()).isEqualTo("Bearer tok-abc");
      assertThat(request.contentType()).startsWith("application/json");
      JsonNode report = JSON.readTree(request.body());
      assertThat(report.path("id").asText()).matches("[0-9a-f-]{36}");
      assertThat(report.has("httpStatus")).isFalse();
    }
  }

  @Test
  void anAuthFailureReportedToARunningOperatorMovesTheAgentDown() throws Exception {
    ClaudeCli.require();
    try (RunningOperator op = RunningOperator.start(dir.resolve("operator"))) {
      op.providerKeys();
      op.agentType("coder", THREE_TIERS);
      op.agent("coder-1", "coder");
      await().atMost(Duration.ofSeconds(10)).until(() -> op.env("coder-1").containsKey("FAILOVER_REPORT_TOKEN"));
      env.putAll(op.env("coder-1"));

      KitProcess.Result result = wrapRealCli(failure(401, "authentication_error", "invalid x-api-key"),
          op.http() + "/api/v1/namespaces/agents/agents/coder-1/outcomes", "-p", "task");

      assertThat(result.exit()).as(result.err()).isEqualTo(1);
      await().atMost(Duration.ofSeconds(5)).until(() -> op.get("coder-1").getStatus().getTier() == 2);
      assertThat(op.get("coder-1").getStatus().getLastFailureKind()).isEqualTo("auth");
    }
  }

  @Test
  void aFailedDeliveryIsSaidOnStderrAndKeepsClaudesExitCode() throws Exception {
    ClaudeCli.require();
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    KitProcess.Result result = wrapRealCli(failure(403, "permission_error", "no"),
        "http://127.0.0.1:" + closedPort + "/api/v1/namespaces/agents/agents/coder-1/outcomes", "-p", "task");

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err()).contains("could not report the outcome: gave up after 3 attempts");
  }

  @Test
  void aRefusedReportIsNotRetried() throws Exception {
    ClaudeCli.require();
    try (RecordingServer server = new RecordingServer(400, 202)) {
      KitProcess.Result result = wrapRealCli(message(25, 12, text("Fixed.")), server.url(), "-p", "task");

      assertThat(result.exit()).isZero();
      assertThat(server.requests).hasSize(1);
      assertThat(result.err()).contains("refused the report (400)");
    }
  }

  @Test
  void aBusyOperatorIsRetriedWithTheSameId() throws Exception {
    ClaudeCli.require();
    try (RecordingServer server = new RecordingServer(503, 429, 202)) {
      KitProcess.Result result = wrapRealCli(message(25, 12, text("Fixed.")), server.url(), "-p", "task");

      assertThat(result.exit()).as(result.err()).isZero();
      assertThat(server.requests).hasSize(3)
          .extracting(request -> JSON.readTree(request.body()).path("id").asText()).containsOnly(
              JSON.readTree(server.requests.get(0).body()).path("id").asText());
    }
  }

  @Test
  void theTokensNeverAppearInOutput() throws Exception {
    ClaudeCli.require();
    try (RecordingServer server = new RecordingServer(400)) {
      KitProcess.Result result = wrapRealCli(failure(401, "authentication_error", "invalid x-api-key"), server.url(),
          "-p", "task");

      assertThat(result.out() + result.err()).doesNotContain("tok-abc").doesNotContain(env.get("ANTHROPIC_API_KEY"));
    }
  }

  @Test
  void aTaskStoppedWithSigtermIsNotReportedAsAFailure() throws Exception {
    ClaudeCli.require();
    try (AnthropicStub stub = new AnthropicStub(ClaudeCliTest.rateLimited());
        RefusingProxy proxy = new RefusingProxy();
        RecordingServer server = new RecordingServer(202)) {
      env.putAll(ClaudeCli.env(dir.resolve("home"), stub.baseUrl(), proxy));
      env.put("FAILOVER_REPORT_URL", server.url());
      // a budget longer than the retry-after: the wrapper lets Claude wait, and the pod is stopped meanwhile
      env.put("FAILOVER_CLAUDE_RETRY_BUDGET", "120");
      Process wrapper = KitProcess.start(KitProcess.claudeWrapper("-p", "task"), env, dir);
      await().atMost(Duration.ofSeconds(20)).until(() -> stub.messageRequests().size() == 1);
      Thread.sleep(1_000);

      wrapper.destroy();
      KitProcess.Result result = KitProcess.finish(wrapper, dir);

      assertThat(result.exit()).isEqualTo(128 + 15);
      assertThat(result.err()).contains("stopped by SIGTERM; the interrupted task is not reported");
      assertThat(server.requests).isEmpty();
      assertThat(stub.messageRequests()).hasSize(1);
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
    env.put("FAILOVER_CLAUDE_BIN", recordedClaude("usage-only-in-model-usage.jsonl").toString());
    try (RecordingServer server = new RecordingServer(202)) {
      env.put("FAILOVER_REPORT_URL", server.url());

      KitProcess.Result result = KitProcess.run(KitProcess.claudeWrapper("-p", "task"), env, dir);

      assertThat(result.exit()).isEqualTo(2);
      assertThat(result.err().strip()).isEqualTo("failover-claude: FAILOVER_REPORT_TOKEN is not set (the operator sets it in the agent's env Secret)");
      assertThat(server.requests).isEmpty();
      assertThat(dir.resolve("args.txt")).doesNotExist();
    }
  }

  @Test
  void anUnknownOutputFormatIsRefusedBeforeClaudeRuns() throws Exception {
    env.put("FAILOVER_CLAUDE_BIN", recordedClaude("usage-only-in-model-usage.jsonl").toString());
    try (RecordingServer server = new RecordingServer(202)) {
      env.put("FAILOVER_REPORT_URL", server.url());

      KitProcess.Result result = KitProcess.run(KitProcess.claudeWrapper("-p", "task", "--output-format", "yaml"), env, dir);

      assertThat(result.exit()).isEqualTo(2);
      assertThat(result.err()).contains("--output-format: must be one of text, json, stream-json, got 'yaml'");
      assertThat(server.requests).isEmpty();
      assertThat(dir.resolve("args.txt")).doesNotExist();
    }
  }
}
