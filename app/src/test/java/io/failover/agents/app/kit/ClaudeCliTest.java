package io.failover.agents.app.kit;

import static io.failover.agents.app.kit.AnthropicStub.brokenMidStream;
import static io.failover.agents.app.kit.AnthropicStub.failure;
import static io.failover.agents.app.kit.AnthropicStub.message;
import static io.failover.agents.app.kit.AnthropicStub.text;
import static io.failover.agents.app.kit.AnthropicStub.tool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.failover.agents.core.outcome.Classifier;
import io.failover.agents.core.outcome.Report;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * agent-kit/failover-claude running the real, pinned Claude Code CLI against a stub of the Messages
 * API that answers as Anthropic does: every provider answer of issue 19's table reaches the operator
 * as a report that classifies as the failure it was, with the tokens the CLI counted, and the CLI
 * talks to nothing but the stub.
 */
class ClaudeCliTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String RATE_LIMIT_MESSAGE = "This request would exceed the rate limit for your organization "
      + "(7f1c9a) of 50 requests per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits. "
      + "You can see the response headers for current usage. Please reduce the prompt length or the maximum tokens "
      + "requested, or try again later. You may also contact sales at https://www.anthropic.com/contact-sales to "
      + "discuss your options for a rate limit increase.";
  static final String SPEND_LIMIT_MESSAGE = "You have reached your organization's spend limit. "
      + "Please increase it in the Console to continue.";
  static final String CREDIT_MESSAGE = "Your credit balance is too low to access the Anthropic API. "
      + "Please go to Plans & Billing to upgrade or purchase credits.";

  @TempDir Path dir;

  @BeforeAll
  static void needsNodeAndTheCli() {
    assumeTrue(KitProcess.installed("node"), "Node.js is not installed; the wrapper needs it");
    ClaudeCli.require();
  }

  /** What the provider answers, what the task is, and what the operator must receive. */
  record Case(String name, List<AnthropicStub.Answer> script, List<String> args, Consumer<Map<String, String>> setup,
      int exit, String kind, Integer status, String errorType, String errorCode, String message, int requests,
      Integer inputTokens, Integer outputTokens) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Map<String, String> rateLimitHeaders(int retryAfter) {
    String reset = Instant.now().plusSeconds(retryAfter).truncatedTo(ChronoUnit.SECONDS).toString();
    return Map.of("retry-after", String.valueOf(retryAfter),
        "anthropic-ratelimit-requests-limit", "50", "anthropic-ratelimit-requests-remaining", "0",
        "anthropic-ratelimit-requests-reset", reset,
        "anthropic-ratelimit-input-tokens-limit", "40000", "anthropic-ratelimit-input-tokens-remaining", "38000",
        "anthropic-ratelimit-input-tokens-reset", reset,
        "anthropic-ratelimit-output-tokens-limit", "8000", "anthropic-ratelimit-output-tokens-remaining", "8000",
        "anthropic-ratelimit-output-tokens-reset", reset);
  }

  static AnthropicStub.Failure rateLimited() {
    return failure(429, "rate_limit_error", RATE_LIMIT_MESSAGE, rateLimitHeaders(30), Map.of());
  }

  static Stream<Case> providerAnswers() {
    Consumer<Map<String, String>> none = env -> { };
    List<String> task = List.of("-p", "fix the failing test");
    List<Case> cases = new ArrayList<>();
    // the rows of issue 19's table
    cases.add(new Case("401 authentication_error with an API key", List.of(failure(401, "authentication_error", "invalid x-api-key")),
        task, none, 1, "auth", 401, "authentication_error", null, "Invalid API key", 3, 0, 0));
    cases.add(new Case("401 authentication_error with ANTHROPIC_AUTH_TOKEN (the deepseek, openrouter and ollama presets)",
        List.of(failure(401, "authentication_error", "invalid x-api-key")), task,
        env -> env.put("ANTHROPIC_AUTH_TOKEN", env.remove("ANTHROPIC_API_KEY")),
        1, "auth", 401, "authentication_error", null, "Not logged in", 3, 0, 0));
    cases.add(new Case("429 rate_limit_error with retry-after 30", List.of(rateLimited()),
        task, none, 1, "rateLimit", 429, "rate_limit_error", null, "429", 1, 0, 0));
    cases.add(new Case("429 enforced_spend_limit_reached", List.of(failure(429, "rate_limit_error", SPEND_LIMIT_MESSAGE,
        Map.of(), Map.of("details", Map.of("error_code", "enforced_spend_limit_reached")))),
        task, none, 1, "quota", 429, "rate_limit_error", "enforced_spend_limit_reached", "spend limit", 3, 0, 0));
    cases.add(new Case("529 overloaded_error, retried", List.of(failure(529, "overloaded_error", "Overloaded")),
        task, none, 1, "serverError", 529, "overloaded_error", null, "Repeated 529 Overloaded errors", 3, 0, 0));
    cases.add(new Case("success after a mid-stream error and a retry", List.of(brokenMidStream(40, "Partial "),
        message(25, 12, text("Fixed."))), task, none, 0, "success", null, null, null, null, 2, null, null));
    cases.add(new Case("a tool turn succeeded, then 429", List.of(message(100, 30, tool("Read", Map.of("file_path", "NOTE"))),
        rateLimited()), task, none, 1, "rateLimit", 429, "rate_limit_error", null, "429", 2, 100, 30));
    cases.add(new Case("--output-format text given by the user", List.of(message(25, 12, text("Fixed."))),
        List.of("-p", "fix the failing test", "--output-format", "text"), none, 0, "success", null, null, null, null, 1, 25, 12));
    // and the other answers a provider gives
    cases.add(new Case("success", List.of(message(25, 12, text("Fixed."))), task, none, 0, "success", null, null, null, null, 1, 25, 12));
    cases.add(new Case("403 permission_error", List.of(failure(403, "permission_error",
        "Your API key does not have permission to use the specified resource.")),
        task, none, 1, "auth", 403, "permission_error", null, "403", 1, 0, 0));
    cases.add(new Case("400 credit balance too low", List.of(failure(400, "invalid_request_error", CREDIT_MESSAGE)),
        task, none, 1, "quota", 400, "invalid_request_error", null, "Credit balance is too low", 1, 0, 0));
    cases.add(new Case("429 spend limit without an error code", List.of(failure(429, "rate_limit_error", SPEND_LIMIT_MESSAGE)),
        task, none, 1, "quota", 429, "rate_limit_error", null, "spend limit", 3, 0, 0));
    cases.add(new Case("500 api_error", List.of(failure(500, "api_error", "Internal server error")),
        task, none, 1, "serverError", 500, "api_error", null, "500", 3, 0, 0));
    cases.add(new Case("404 not_found_error", List.of(failure(404, "not_found_error", "model: claude-sonnet-4-5")),
        task, none, 1, "other", 404, "not_found_error", null, "issue with the selected model", 2, 0, 0));
    cases.add(new Case("multi-turn: a tool call, then the answer", List.of(message(100, 30, tool("Read", Map.of("file_path", "NOTE"))),
        message(200, 15, text("The word is pineapple."))), task, none, 0, "success", null, null, null, null, 2, 300, 45));
    cases.add(new Case("--max-turns exhausted", List.of(message(100, 30, tool("Read", Map.of("file_path", "NOTE")))),
        List.of("-p", "fix the failing test", "--max-turns", "1"), none, 1, "other", null, null, null,
        "Reached maximum number of turns (1)", 1, 100, 30));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("providerAnswers")
  void theOperatorReceivesTheFailureTheProviderAnswered(Case c) throws Exception {
    Path note = Files.writeString(dir.resolve("note.txt"), "the word is pineapple\n");
    List<AnthropicStub.Answer> script = c.script().stream().map(answer -> withNote(answer, note)).toList();
    try (AnthropicStub stub = new AnthropicStub(script.toArray(AnthropicStub.Answer[]::new));
        RefusingProxy proxy = new RefusingProxy();
        RecordingServer intake = new RecordingServer(202)) {
      Map<String, String> env = agentEnv(stub.baseUrl(), proxy, intake);
      c.setup().accept(env);
      List<String> args = new ArrayList<>(c.args());
      boolean askForJson = c.inputTokens() == null;
      if (askForJson) {
        args.addAll(List.of("--output-format", "json"));
      }

      KitProcess.Result result = KitProcess.run(KitProcess.claudeWrapper(args.toArray(String[]::new)), env, dir);

      assertThat(result.exit()).as(result.err()).isEqualTo(c.exit());
      assertThat(intake.requests).as(result.err()).hasSize(1);
      JsonNode report = JSON.readTree(intake.requests.get(0).body());
      assertThat(report.path("result").asText()).isEqualTo(c.exit() == 0 ? "success" : "error");
      assertThat(classified(report)).as(report.toString()).isEqualTo(c.kind());
      assertThat(report.path("tier").asInt()).isEqualTo(1);
      assertThat(report.path("provider").asText()).isEqualTo("anthropic");
      assertThat(report.has("httpStatus") ? report.get("httpStatus").asInt() : null).isEqualTo(c.status());
      assertThat(report.path("errorType").asText(null)).isEqualTo(c.errorType());
      assertThat(report.path("errorCode").asText(null)).isEqualTo(c.errorCode());
      if (c.args().contains("text")) {
        assertThat(result.out()).isEqualTo("Fixed.\n");
      }
      if (c.message() != null) {
        assertThat(report.path("message").asText()).contains(c.message());
      }
      if (askForJson) {
        // the tokens the CLI counted: its usage, or its modelUsage where that holds more
        JsonNode printed = JSON.readTree(result.out());
        assertThat(report.path("inputTokens").asLong()).isEqualTo(ClaudeCliTest.inputTokens(printed)).isPositive();
        assertThat(report.path("outputTokens").asLong()).isEqualTo(ClaudeCliTest.outputTokens(printed)).isPositive();
      } else {
        assertThat(report.path("inputTokens").asInt()).isEqualTo(c.inputTokens());
        assertThat(report.path("outputTokens").asInt()).isEqualTo(c.outputTokens());
      }
      assertThat(stub.messageRequests()).as("requests the CLI sent to the provider").hasSize(c.requests());
      assertThat(stub.requests).as("the CLI asked the provider only for messages").allSatisfy(request ->
          assertThat(request.method() + " " + request.path()).startsWith("POST /v1/messages"));
      assertThat(proxy.attempts).as("connections to anything but the stub").isEmpty();
      printTiming(c.name(), stub, intake);
    }
  }

  @Test
  void aRateLimitIsReportedWithTheWaitTheCliAnnouncedWithoutWaitingForIt() throws Exception {
    try (AnthropicStub stub = new AnthropicStub(rateLimited());
        RefusingProxy proxy = new RefusingProxy();
        RecordingServer intake = new RecordingServer(202)) {
      java.time.Instant before = java.time.Instant.now();
      KitProcess.Result result = KitProcess.run(KitProcess.claudeWrapper("-p", "task"), agentEnv(stub.baseUrl(), proxy, intake), dir);
      java.time.Instant after = java.time.Instant.now();

      JsonNode report = JSON.readTree(intake.requests.get(0).body());
      // the CLI adds up to a quarter to the provider's retry-after before it retries
      assertThat(report.path("retryAfterSeconds").asInt()).isBetween(30, 38);
      // the one reset time the CLI exposes: when its announced retry would have been made
      assertThat(java.time.Instant.parse(report.path("resetAt").asText()))
          .isBetween(before.plusSeconds(30), after.plusSeconds(38));
      assertThat(stub.messageRequests()).as("the retry was not waited for").hasSize(1);
      assertThat(result.out()).startsWith("API Error: 429 (rate_limit); Claude Code would retry in ");
      assertThat(result.err()).contains("failover-claude: API Error: 429 (rate_limit)");
    }
  }

  @Test
  void theStreamTheUserAskedForIsPassedThroughLineByLine() throws Exception {
    try (AnthropicStub stub = new AnthropicStub(message(25, 12, text("Fixed.")));
        RefusingProxy proxy = new RefusingProxy();
        RecordingServer intake = new RecordingServer(202)) {
      KitProcess.Result result = KitProcess.run(KitProcess.claudeWrapper("-p", "task", "--output-format=stream-json"),
          agentEnv(stub.baseUrl(), proxy, intake), dir);

      List<JsonNode> lines = new ArrayList<>();
      for (String line : result.out().split("\n")) {
        lines.add(JSON.readTree(line));
      }
      assertThat(lines.get(0).path("type").asText()).isEqualTo("system");
      assertThat(lines.get(0).path("claude_code_version").asText()).isEqualTo(ClaudeCli.pinnedVersion());
      assertThat(lines.get(lines.size() - 1).path("type").asText()).isEqualTo("result");
      assertThat(lines).anySatisfy(line -> assertThat(line.path("type").asText()).isEqualTo("assistant"));
    }
  }

  @Test
  void anUnreachableProviderIsAServerError() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    try (RefusingProxy proxy = new RefusingProxy(); RecordingServer intake = new RecordingServer(202)) {
      KitProcess.Result result = KitProcess.run(KitProcess.claudeWrapper("-p", "task"),
          agentEnv("http://127.0.0.1:" + closed, proxy, intake), dir);

      assertThat(result.exit()).isEqualTo(1);
      JsonNode report = JSON.readTree(intake.requests.get(0).body());
      assertThat(report.has("httpStatus")).isFalse();
      assertThat(report.path("message").asText()).contains("ECONNREFUSED");
      assertThat(classified(report)).isEqualTo("serverError");
      assertThat(proxy.attempts).isEmpty();
    }
  }

  /** The guard of the other tests can fail: without the image's settings the CLI calls home, and the proxy sees it. */
  @Test
  void withoutTheImageSettingsTheCliContactsMoreThanTheProviderAndTheProxySeesIt() throws Exception {
    try (AnthropicStub stub = new AnthropicStub(message(25, 12, text("Fixed.")));
        RefusingProxy proxy = new RefusingProxy();
        RecordingServer intake = new RecordingServer(202)) {
      Map<String, String> env = agentEnv(stub.baseUrl(), proxy, intake);
      env.keySet().removeAll(ClaudeCli.imageEnv().keySet());

      KitProcess.Result result = KitProcess.run(KitProcess.claudeWrapper("-p", "task"), env, dir);

      assertThat(result.exit()).as(result.err()).isZero();
      assertThat(proxy.attempts).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("CONNECT "));
    }
  }

  Map<String, String> agentEnv(String baseUrl, RefusingProxy proxy, RecordingServer intake) throws IOException {
    Map<String, String> env = ClaudeCli.env(dir.resolve("home"), baseUrl, proxy);
    env.putAll(Map.of("FAILOVER_REPORT_URL", intake.url(), "FAILOVER_REPORT_TOKEN", "tok-abc", "AGENT_NAMESPACE", "agents",
        "AGENT_NAME", "coder-1", "AGENT_TIER", "1", "AGENT_PROVIDER", "anthropic", "FAILOVER_REPORT_BACKOFF", "0.05"));
    return env;
  }

  static AnthropicStub.Answer withNote(AnthropicStub.Answer answer, Path note) {
    if (!(answer instanceof AnthropicStub.Message message)) {
      return answer;
    }
    List<AnthropicStub.Block> content = message.content().stream()
        .map(block -> block.toolName() == null ? block : tool(block.toolName(), Map.of("file_path", note.toString())))
        .toList();
    return new AnthropicStub.Message(content, message.inputTokens(), message.outputTokens(), message.breakAfterFirstBlock());
  }

  static String classified(JsonNode report) {
    Report task = report.path("result").asText().equals("success") ? Report.succeeded()
        : Report.error(report.has("httpStatus") ? report.get("httpStatus").asInt() : null,
            report.path("errorType").asText(null), report.path("errorCode").asText(null), report.path("message").asText(null));
    return Classifier.classify(task).wireName();
  }

  static long inputTokens(JsonNode result) {
    JsonNode usage = result.path("usage");
    long fromUsage = usage.path("input_tokens").asLong() + usage.path("cache_creation_input_tokens").asLong()
        + usage.path("cache_read_input_tokens").asLong();
    long fromModels = 0;
    for (JsonNode model : result.path("modelUsage")) {
      fromModels += model.path("inputTokens").asLong() + model.path("cacheCreationInputTokens").asLong()
          + model.path("cacheReadInputTokens").asLong();
    }
    return Math.max(fromUsage, fromModels);
  }

  static long outputTokens(JsonNode result) {
    long fromModels = 0;
    for (JsonNode model : result.path("modelUsage")) {
      fromModels += model.path("outputTokens").asLong();
    }
    return Math.max(result.path("usage").path("output_tokens").asLong(), fromModels);
  }

  /** Printed, not asserted: the benchmark (ClaudeCliFailoverBenchmark) measures this. */
  static void printTiming(String name, AnthropicStub stub, RecordingServer intake) {
    if (stub.firstFailure() != null && !intake.requests.isEmpty()) {
      System.out.printf("%s: first failing answer to report %d ms%n", name,
          Duration.between(stub.firstFailure(), intake.requests.get(0).at()).toMillis());
    }
  }
}
