package io.failover.agents.operator.tier;

import static io.failover.agents.operator.testing.RunningOperator.THREE_TIERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.failover.agents.core.outcome.Report;
import io.failover.agents.operator.testing.RunningOperator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The tier endpoint over real HTTP: every answer code, no secret in the body, and the long-poll's wake-up. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TierEndpointHttpTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient CLIENT = HttpClient.newHttpClient();

  @TempDir static Path dir;
  RunningOperator op;
  String token1;
  String token2;

  @BeforeAll
  void start() {
    op = RunningOperator.start(dir);
    op.providerKeys();
    op.agentType("coder", THREE_TIERS + "switchMode: PerTask\n");
    op.agent("coder-1", "coder");
    op.agent("coder-2", "coder");
    op.agent("coder-3", "coder");
    await().atMost(Duration.ofSeconds(10)).until(() -> op.env("coder-1").containsKey("FAILOVER_REPORT_TOKEN")
        && op.env("coder-2").containsKey("FAILOVER_REPORT_TOKEN") && op.env("coder-3").containsKey("FAILOVER_REPORT_TOKEN"));
    token1 = op.env("coder-1").get("FAILOVER_REPORT_TOKEN");
    token2 = op.env("coder-2").get("FAILOVER_REPORT_TOKEN");
  }

  @AfterAll
  void stop() {
    op.close();
  }

  CompletableFuture<HttpResponse<String>> get(String agent, String query, String authorization) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(op.http() + "/api/v1/namespaces/agents/agents/"
        + agent + "/tier" + query)).timeout(Duration.ofSeconds(40));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return CLIENT.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> tier(String agent, String query, String token) {
    return get(agent, query, "Bearer " + token).join();
  }

  static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  @Test
  void answersTheCommittedStateAndNoSecret() throws Exception {
    HttpResponse<String> response = tier("coder-1", "", token1);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.fieldNames()).toIterable()
        .containsExactly("tier", "provider", "model", "paused", "cooldownUntil", "lastOutcomeSeq");
    assertThat(body.get("tier").asInt()).isEqualTo(1);
    assertThat(body.get("provider").asText()).isEqualTo("anthropic");
    assertThat(body.get("model").asText()).isEqualTo("claude-sonnet-4-5");
    assertThat(body.get("paused").asBoolean()).isFalse();
    assertThat(response.body()).doesNotContain("sk-ant-one", "sk-ds-one", token1);
  }

  @Test
  void anUnknownAgentIs404BeforeTheToken() {
    assertThat(get("nobody", "", null).join().statusCode()).isEqualTo(404);
  }

  @ParameterizedTest
  @CsvSource(nullValues = "none", value = {"none", "Basic abc", "Bearer", "'Bearer a b'"})
  void aMissingOrMalformedTokenIs401(String authorization) throws Exception {
    HttpResponse<String> response = get("coder-1", "", authorization).join();
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(json(response).get("code").asInt()).isEqualTo(401);
  }

  @Test
  void anotherAgentsTokenIs403() {
    assertThat(tier("coder-1", "", token2).statusCode()).isEqualTo(403);
  }

  @ParameterizedTest
  @CsvSource({"?waitSeconds=31,waitSeconds", "?waitSeconds=-1,waitSeconds", "?waitSeconds=1.5,waitSeconds",
      "?waitSeconds=soon,waitSeconds", "?after=abc,after", "?after=1.0,after", "?waitSeconds=5&after=x,after"})
  void badParametersAre400NamingTheParameter(String query, String field) throws Exception {
    HttpResponse<String> response = tier("coder-1", query, token1);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("field").asText()).isEqualTo(field);
    assertThat(json(response).get("message").asText()).startsWith(field + ": ");
  }

  @Test
  void aStaleAfterIsAnsweredAtOnce() throws Exception {
    long seq = json(tier("coder-1", "", token1)).get("lastOutcomeSeq").asLong();
    HttpResponse<String> response = get("coder-1", "?waitSeconds=30&after=" + (seq + 1000), "Bearer " + token1)
        .orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).join();
    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void aLongPollTimesOutWithTheUnchangedState() throws Exception {
    long seq = json(tier("coder-1", "", token1)).get("lastOutcomeSeq").asLong();
    long start = System.nanoTime();
    HttpResponse<String> response = tier("coder-1", "?waitSeconds=1&after=" + seq, token1);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    assertThat(json(response).get("lastOutcomeSeq").asLong()).isEqualTo(seq);
  }

  @Test
  void aLongPollWakesWhenAReportMovesTheAgent() throws Exception {
    String token3 = op.env("coder-3").get("FAILOVER_REPORT_TOKEN");
    JsonNode before = json(tier("coder-3", "", token3));
    CompletableFuture<HttpResponse<String>> waiting = get("coder-3",
        "?waitSeconds=30&after=" + before.get("lastOutcomeSeq").asLong(), "Bearer " + token3);
    await().atMost(Duration.ofSeconds(5)).until(() -> op.get("coder-3") != null && waitingRequests() > 0);
    assertThat(waiting).isNotDone();

    long seq = op.report("coder-3", Report.failed(401).onTier(1)).seq();

    HttpResponse<String> response = waiting.orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode after = json(response);
    assertThat(after.get("tier").asInt()).isEqualTo(2);
    assertThat(after.get("provider").asText()).isEqualTo("deepseek");
    assertThat(after.get("lastOutcomeSeq").asLong()).isEqualTo(seq);
    assertThat(after.get("cooldownUntil").isTextual()).isTrue();
  }

  private int waitingRequests() {
    return op.tierWaiting();
  }
}
