package io.failover.agents.app.kit;

import static io.failover.agents.app.kit.ResponsesStub.answer;
import static io.failover.agents.app.kit.ResponsesStub.failure;
import static io.failover.agents.app.kit.ResponsesStub.functionCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * agent-kit/failover-codex running the real, pinned Codex CLI against a stub of the OpenAI Responses
 * API that answers with OpenAI's error bodies: each answer reaches the operator as a report that
 * classifies as the failure it was, at once, and Codex talks to nothing but the stub.
 */
class CodexCliTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String RATE_LIMIT = "Rate limit reached for gpt-5 in organization org-stub on requests per min (RPM): "
      + "Limit 500, Used 500, Requested 1. Please try again in 20s. Visit https://platform.openai.com/account/rate-limits to learn more.";

  @TempDir Path dir;

  @BeforeAll
  static void needsNodeAndTheCli() {
    assumeTrue(KitProcess.installed("node"), "Node.js is not installed; the wrapper needs it");
    CodexCli.require();
  }

  record Case(String name, List<ResponsesStub.Answer> script, int exit, String kind, Integer status, String errorType,
      String message, int requests, int inputTokens, int outputTokens) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> providerAnswers() {
    List<Case> cases = new ArrayList<>();
    cases.add(new Case("success (with Codex's warning item of type error)", List.of(answer(25, 12, "Fixed.")),
        0, "success", null, null, null, 1, 25, 12));
    cases.add(new Case("401 invalid_api_key", List.of(failure(401, "Incorrect API key provided: sk-proj-***-key. You can find "
        + "your API key at https://platform.openai.com/account/api-keys.", "invalid_request_error", "invalid_api_key")),
        1, "auth", 401, null, "Incorrect API key provided", 1, 0, 0));
    cases.add(new Case("403 not allowed", List.of(failure(403, "You are not allowed to sample from this model",
        "invalid_request_error", null)), 1, "auth", 403, null, "not allowed", 1, 0, 0));
    cases.add(new Case("429 insufficient_quota (Codex: \"Quota exceeded...\", no status)", List.of(failure(429,
        "You exceeded your current quota, please check your plan and billing details. For more information on this error, "
            + "read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.", "insufficient_quota",
        "insufficient_quota")), 1, "quota", null, "insufficient_quota", "Quota exceeded", 1, 0, 0));
    cases.add(new Case("429 rate_limit_exceeded with retry-after 20", List.of(failure(429, RATE_LIMIT, "requests",
        "rate_limit_exceeded", Map.of("retry-after", "20", "x-ratelimit-limit-requests", "500",
            "x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "20s"))),
        1, "rateLimit", 429, null, "last status: 429", 1, 0, 0));
    cases.add(new Case("500 server_error (Codex: \"high demand\", no status)", List.of(failure(500,
        "The server had an error while processing your request. Sorry about that!", "server_error", null)),
        1, "serverError", null, "overloaded_error", "high demand", 1, 0, 0));
    cases.add(new Case("503 overloaded", List.of(failure(503, "The engine is currently overloaded, please try again later",
        "server_error", null)), 1, "serverError", 503, null, "overloaded", 1, 0, 0));
    cases.add(new Case("404 model_not_found", List.of(failure(404, "The model `gpt-9` does not exist or you do not have "
        + "access to it.", "invalid_request_error", "model_not_found")), 1, "other", null, null, "does not exist", 1, 0, 0));
    cases.add(new Case("multi-turn: a function call, then the answer", List.of(functionCall(100, 30, "no_such_tool"),
        answer(200, 15, "Done.")), 0, "success", null, null, null, 2, 300, 45));
    // Codex prints no usage for a turn that failed, so the first response's tokens cannot be reported
    cases.add(new Case("a function call, then 429", List.of(functionCall(100, 30, "no_such_tool"),
        failure(429, RATE_LIMIT, "requests", "rate_limit_exceeded")), 1, "rateLimit", 429, null, "429", 2, 0, 0));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("providerAnswers")
  void theOperatorReceivesTheFailureTheProviderAnswered(Case c) throws Exception {
    try (ResponsesStub stub = new ResponsesStub(c.script().toArray(ResponsesStub.Answer[]::new));
        RefusingProxy proxy = new RefusingProxy();
        RecordingServer intake = new RecordingServer(202)) {
      KitProcess.Result result = KitProcess.run(KitProcess.codexWrapper("--skip-git-repo-check", "fix the failing test"),
          agentEnv(stub.baseUrl(), proxy, intake), dir);

      assertThat(result.exit()).as(result.err()).isEqualTo(c.exit());
      assertThat(intake.requests).as(result.err()).hasSize(1);
      JsonNode report = JSON.readTree(intake.requests.get(0).body());
      assertThat(ClaudeCliTest.classified(report)).as(report.toString()).isEqualTo(c.kind());
      assertThat(report.path("tier").asInt()).isEqualTo(1);
      assertThat(report.path("provider").asText()).isEqualTo("openai");
      assertThat(report.has("httpStatus") ? report.get("httpStatus").asInt() : null).isEqualTo(c.status());
      assertThat(report.path("errorType").asText(null)).isEqualTo(c.errorType());
      if (c.message() != null) {
        assertThat(report.path("message").asText()).contains(c.message()).doesNotContain("url: http");
      }
      assertThat(report.path("inputTokens").asInt()).isEqualTo(c.inputTokens());
      assertThat(report.path("outputTokens").asInt()).isEqualTo(c.outputTokens());
      assertThat(stub.responseRequests()).as("requests Codex sent to the provider").hasSize(c.requests());
      assertThat(stub.requests).allSatisfy(request -> assertThat(request.path()).isEqualTo("/v1/responses"));
      assertThat(proxy.attempts).as("connections to anything but the stub").isEmpty();
      if (c.exit() == 0) {
        assertThat(result.out()).endsWith(c.script().get(c.script().size() - 1) instanceof ResponsesStub.Response r
            ? r.text() + "\n" : "");
      }
    }
  }

  @Test
  void theEventStreamIsPassedThroughWithJson() throws Exception {
    try (ResponsesStub stub = new ResponsesStub(answer(25, 12, "Fixed."));
        RefusingProxy proxy = new RefusingProxy();
        RecordingServer intake = new RecordingServer(202)) {
      KitProcess.Result result = KitProcess.run(KitProcess.codexWrapper("exec", "--json", "--skip-git-repo-check", "task"),
          agentEnv(stub.baseUrl(), proxy, intake), dir);

      List<String> types = result.out().lines().map(line -> read(line).path("type").asText()).toList();
      assertThat(types).startsWith("thread.started").endsWith("turn.completed").contains("item.completed");
    }
  }

  /** The guard of the other tests can fail: without the image's config.toml Codex calls GitHub and ChatGPT. */
  @Test
  void withoutTheImageConfigCodexContactsMoreThanTheProviderAndTheProxySeesIt() throws Exception {
    try (ResponsesStub stub = new ResponsesStub(answer(25, 12, "Fixed."));
        RefusingProxy proxy = new RefusingProxy();
        RecordingServer intake = new RecordingServer(202)) {
      Map<String, String> env = agentEnv(stub.baseUrl(), proxy, intake);
      Files.delete(Path.of(env.get("CODEX_HOME"), "config.toml"));

      KitProcess.Result result = KitProcess.run(KitProcess.codexWrapper("--skip-git-repo-check", "task"), env, dir);

      assertThat(result.exit()).as(result.err()).isZero();
      assertThat(proxy.attempts).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("CONNECT "));
    }
  }

  @Test
  void theCodexImageInstallsTheVersionTheTestsRunWithTheTestedConfig() throws IOException {
    String image = Files.readString(CodexCli.IMAGE);

    assertThat(image).contains("npm install -g --no-audit --no-fund @openai/codex@" + CodexCli.pinnedVersion() + " ");
    assertThat(image).contains("COPY --chown=1000:1000 agent-kit/codex-config.toml /home/node/.codex/config.toml");
    assertThat(image).contains("COPY agent-kit/failover-report agent-kit/failover-codex /usr/local/bin/");
    assertThat(KitProcess.KIT.resolve("failover-codex")).isExecutable();
  }

  Map<String, String> agentEnv(String baseUrl, RefusingProxy proxy, RecordingServer intake) throws IOException {
    Map<String, String> env = CodexCli.env(dir.resolve("home"), baseUrl, proxy);
    env.putAll(Map.of("FAILOVER_REPORT_URL", intake.url(), "FAILOVER_REPORT_TOKEN", "tok-abc", "AGENT_NAMESPACE", "agents",
        "AGENT_NAME", "coder-1", "AGENT_TIER", "1", "AGENT_PROVIDER", "openai", "FAILOVER_REPORT_BACKOFF", "0.05"));
    return env;
  }

  private static JsonNode read(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + line, e);
    }
  }
}
