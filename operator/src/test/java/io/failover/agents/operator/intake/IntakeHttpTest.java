package io.failover.agents.operator.intake;

import static io.failover.agents.operator.testing.RunningOperator.NS;
import static io.failover.agents.operator.testing.RunningOperator.THREE_TIERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.failover.agents.api.Agent;
import io.failover.agents.operator.testing.RunningOperator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The intake API over real HTTP: every answer code of SPEC section 6, and bad requests never touch state. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntakeHttpTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient CLIENT = HttpClient.newHttpClient();

  @TempDir static Path dir;
  RunningOperator op;
  String base;
  String token1;
  String token2;

  @BeforeAll
  void start() {
    op = RunningOperator.start(dir);
    op.providerKeys();
    op.agentType("coder", THREE_TIERS);
    op.agent("coder-1", "coder");
    op.agent("coder-2", "coder");
    await().atMost(Duration.ofSeconds(10)).until(() -> op.env("coder-1").containsKey("FAILOVER_REPORT_TOKEN")
        && op.env("coder-2").containsKey("FAILOVER_REPORT_TOKEN"));
    token1 = op.env("coder-1").get("FAILOVER_REPORT_TOKEN");
    token2 = op.env("coder-2").get("FAILOVER_REPORT_TOKEN");
    base = op.http();
  }

  @AfterAll
  void stop() {
    op.close();
  }

  HttpResponse<String> post(String agentPath, String authorization, String contentType, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/v1/namespaces/" + agentPath + "/outcomes"))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  long outcomesStored() {
    return op.ledger().outcomesAfter(op.get("coder-1").getMetadata().getUid(), 0, 10_000).size();
  }

  @Test
  void aReportIsAcceptedOnceDurableAndMovesTheTier() throws Exception {
    Agent before = op.get("coder-2");

    HttpResponse<String> response = post("agents/agents/coder-2", "Bearer " + token2, "application/json",
        "{\"result\":\"error\",\"httpStatus\":401,\"errorType\":\"authentication_error\",\"tier\":1,\"id\":\"t-1\"}");

    assertThat(response.statusCode()).isEqualTo(202);
    long seq = json(response).get("seq").asLong();
    assertThat(op.ledger().outcomesAfter(before.getMetadata().getUid(), 0, 10)).extracting(o -> o.seq()).contains(seq);
    await().atMost(Duration.ofSeconds(5)).until(() -> op.get("coder-2").getStatus().getTier() == 2);

    HttpResponse<String> again = post("agents/agents/coder-2", "Bearer " + token2, "application/json; charset=utf-8",
        "{\"result\":\"error\",\"httpStatus\":401,\"tier\":1,\"id\":\"t-1\"}");

    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json(again).get("seq").asLong()).isEqualTo(seq);
    assertThat(op.ledger().outcomesAfter(before.getMetadata().getUid(), 0, 10)).hasSize(1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      unknown agent                          | agents/agents/nobody  | -           | text/plain       | x                          | 404 | -
      unknown namespace                      | other/agents/coder-1  | -           | application/json | {}                         | 404 | -
      no Authorization                       | agents/agents/coder-1 | -           | application/json | {"result":"success"}       | 401 | -
      Basic instead of Bearer                | agents/agents/coder-1 | Basic abc   | application/json | {"result":"success"}       | 401 | -
      Bearer without a token                 | agents/agents/coder-1 | Bearer      | application/json | {"result":"success"}       | 401 | -
      another agent's token                  | agents/agents/coder-1 | TOKEN2      | text/plain       | x                          | 403 | -
      a made-up token                        | agents/agents/coder-1 | Bearer abc  | application/json | {"result":"success"}       | 403 | -
      text/plain                             | agents/agents/coder-1 | TOKEN1      | text/plain       | {"result":"success"}       | 415 | -
      no Content-Type                        | agents/agents/coder-1 | TOKEN1      | -                | {"result":"success"}       | 415 | -
      malformed JSON                         | agents/agents/coder-1 | TOKEN1      | application/json | {"result":                 | 400 | -
      not an object                          | agents/agents/coder-1 | TOKEN1      | application/json | [1,2]                      | 400 | -
      result missing                         | agents/agents/coder-1 | TOKEN1      | application/json | {"httpStatus":401}         | 400 | result
      unknown result                         | agents/agents/coder-1 | TOKEN1      | application/json | {"result":"meh"}           | 400 | result
      httpStatus a string                    | agents/agents/coder-1 | TOKEN1      | application/json | {"result":"error","httpStatus":"abc"} | 400 | httpStatus
      httpStatus out of range                | agents/agents/coder-1 | TOKEN1      | application/json | {"result":"error","httpStatus":600}   | 400 | httpStatus
      httpStatus a fraction                  | agents/agents/coder-1 | TOKEN1      | application/json | {"result":"error","httpStatus":401.5} | 400 | httpStatus
      negative input tokens                  | agents/agents/coder-1 | TOKEN1      | application/json | {"result":"success","inputTokens":-1} | 400 | inputTokens
      output tokens a string                 | agents/agents/coder-1 | TOKEN1      | application/json | {"result":"success","outputTokens":"5"} | 400 | outputTokens
      tier zero                              | agents/agents/coder-1 | TOKEN1      | application/json | {"result":"success","tier":0} | 400 | tier
      negative retryAfterSeconds             | agents/agents/coder-1 | TOKEN1      | application/json | {"result":"error","retryAfterSeconds":-5} | 400 | retryAfterSeconds
      unknown provider                       | agents/agents/coder-1 | TOKEN1      | application/json | {"result":"success","provider":"gemini"} | 400 | provider
      id not a string                        | agents/agents/coder-1 | TOKEN1      | application/json | {"result":"success","id":7} | 400 | id
      id empty                               | agents/agents/coder-1 | TOKEN1      | application/json | {"result":"success","id":""} | 400 | id
      id with a lone high surrogate          | agents/agents/coder-1 | TOKEN1      | application/json | {"result":"success","id":"x\\ud800"} | 400 | id
      id with a lone low surrogate           | agents/agents/coder-1 | TOKEN1      | application/json | {"result":"success","id":"\\udc00x"} | 400 | id
      retryAfterSeconds 2^63-1               | agents/agents/coder-1 | TOKEN1      | application/json | {"result":"error","httpStatus":429,"retryAfterSeconds":9223372036854775807} | 400 | retryAfterSeconds
      retryAfterSeconds past 10^9            | agents/agents/coder-1 | TOKEN1      | application/json | {"result":"error","retryAfterSeconds":1000000001} | 400 | retryAfterSeconds
      retryAfterSeconds past a long          | agents/agents/coder-1 | TOKEN1      | application/json | {"result":"error","retryAfterSeconds":92233720368547758070} | 400 | retryAfterSeconds
      resetAt not a date                     | agents/agents/coder-1 | TOKEN1      | application/json | {"result":"error","resetAt":"tomorrow"} | 400 | resetAt
      resetAt without an offset              | agents/agents/coder-1 | TOKEN1      | application/json | {"result":"error","resetAt":"2026-12-01T10:15:00"} | 400 | resetAt
      resetAt a number                       | agents/agents/coder-1 | TOKEN1      | application/json | {"result":"error","resetAt":1764584100} | 400 | resetAt
      resetAt too long                       | agents/agents/coder-1 | TOKEN1      | application/json | {"result":"error","resetAt":"2026-12-01T10:15:00.000000000000000000000000000000000000000000000000000000Z"} | 400 | resetAt
      input tokens 2^63-1                    | agents/agents/coder-1 | TOKEN1      | application/json | {"result":"success","inputTokens":9223372036854775807} | 400 | inputTokens
      output tokens past 10^9                | agents/agents/coder-1 | TOKEN1      | application/json | {"result":"success","outputTokens":1000000001} | 400 | outputTokens
      """)
  void aBadRequestGetsItsCodeAndTouchesNothing(String description, String path, String authorization,
      String contentType, String body, int code, String field) throws Exception {
    String auth = authorization == null ? null
        : authorization.replace("TOKEN1", "Bearer " + token1).replace("TOKEN2", "Bearer " + token2);
    long stored = outcomesStored();
    var status = op.get("coder-1").getStatus();

    HttpResponse<String> response = post(path, auth, contentType, body);

    assertThat(response.statusCode()).isEqualTo(code);
    JsonNode error = json(response);
    assertThat(error.get("code").asInt()).isEqualTo(code);
    assertThat(error.get("message").asText()).isNotBlank();
    if (field != null) {
      assertThat(error.get("field").asText()).isEqualTo(field);
      assertThat(error.get("message").asText()).startsWith(field + ": ");
    } else {
      assertThat(error.has("field")).isFalse();
    }
    assertThat(outcomesStored()).isEqualTo(stored);
    assertThat(op.get("coder-1").getStatus().getLastOutcomeSeq()).isEqualTo(status.getLastOutcomeSeq());
  }

  @Test
  void aBodyOverTheLimitIs413AndOneAtTheLimitIsAccepted() throws Exception {
    String prefix = "{\"result\":\"success\",\"message\":\"\"}";
    String atLimit = prefix + " ".repeat(OutcomeEndpoint.MAX_BODY_BYTES - prefix.length());

    assertThat(post("agents/agents/coder-1", "Bearer " + token1, "application/json", atLimit + " ").statusCode()).isEqualTo(413);
    assertThat(post("agents/agents/coder-1", "Bearer " + token1, "application/json", atLimit).statusCode()).isEqualTo(202);
  }

  @Test
  void numbersAtTheLimitAndIdsOfWholeCharactersAreAccepted() throws Exception {
    String atLimit = "{\"result\":\"error\",\"httpStatus\":503,\"retryAfterSeconds\":1000000000,"
        + "\"inputTokens\":1000000000,\"outputTokens\":1000000000,\"id\":\"" + "\\ud83d\\ude80".repeat(128) + "\"}";
    assertThat(post("agents/agents/coder-2", "Bearer " + token2, "application/json", atLimit).statusCode()).isEqualTo(202);
    assertThat(post("agents/agents/coder-2", "Bearer " + token2, "application/json",
        "{\"result\":\"success\",\"id\":\"x\\ud83d\\ude80\"}").statusCode()).isEqualTo(202);
    assertThat(post("agents/agents/coder-2", "Bearer " + token2, "application/json",
        "{\"result\":\"success\",\"id\":\"x\\ud83d\\ude81\"}").statusCode())
        .as("a different character is a different id").isEqualTo(202);
  }

  @Test
  void aStructuredJsonMediaTypeIsAccepted() throws Exception {
    assertThat(post("agents/agents/coder-1", "Bearer " + token1, "application/vnd.agent.report+json",
        "{\"result\":\"success\"}").statusCode()).isEqualTo(202);
  }

  @Test
  void checksComeInTheOrderOfTheSpec() throws Exception {
    String huge = "x".repeat(OutcomeEndpoint.MAX_BODY_BYTES + 10);
    assertThat(post("agents/agents/nobody", null, "text/plain", huge).statusCode()).isEqualTo(404);
    assertThat(post("agents/agents/coder-1", null, "text/plain", huge).statusCode()).isEqualTo(401);
    assertThat(post("agents/agents/coder-1", "Bearer " + token2, "text/plain", huge).statusCode()).isEqualTo(403);
    assertThat(post("agents/agents/coder-1", "Bearer " + token1, "text/plain", huge).statusCode()).isEqualTo(415);
    assertThat(post("agents/agents/coder-1", "Bearer " + token1, "application/json", huge).statusCode()).isEqualTo(413);
  }

  @Test
  void healthAndMetricsAnswer() throws Exception {
    assertThat(get("/health/liveness").statusCode()).isEqualTo(200);
    HttpResponse<String> readiness = get("/health/readiness");
    assertThat(readiness.statusCode()).isEqualTo(200);
    assertThat(json(readiness).get("status").asText()).isEqualTo("UP");
    post("agents/agents/coder-1", "Bearer " + token1, "application/json", "{\"result\":\"success\",\"inputTokens\":7}");
    HttpResponse<String> metrics = get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("failover_reports_total{", "failover_tokens_total{",
        "failover_intake_latency_seconds", "failover_ledger_commit_latency_seconds", "failover_agent_tier{");
  }

  @Test
  void providerEventsArePagedNewestFirst() throws Exception {
    for (String annotation : new String[] {Agent.PAUSE_ANNOTATION, Agent.UNPAUSE_ANNOTATION, Agent.PAUSE_ANNOTATION}) {
      long before = op.ledger().events(NS, "coder-1", Optional.empty(), 100).items().size();
      op.annotate("coder-1", annotation, "now");
      await().atMost(Duration.ofSeconds(10)).until(() -> op.ledger().events(NS, "coder-1", Optional.empty(), 100).items().size() > before
          && !op.get("coder-1").getMetadata().getAnnotations().containsKey(annotation));
    }

    JsonNode first = json(get("/api/v1/namespaces/agents/agents/coder-1/provider-events?limit=2"));
    assertThat(first.get("items")).hasSize(2);
    assertThat(first.get("items").get(0).get("event").asText()).isEqualTo("Paused");
    assertThat(first.get("items").get(1).get("event").asText()).isEqualTo("Unpaused");
    assertThat(first.get("items").get(0).fieldNames()).toIterable()
        .containsExactly("seq", "time", "event", "fromTier", "toTier", "kind", "actor", "message");
    JsonNode rest = json(get("/api/v1/namespaces/agents/agents/coder-1/provider-events?limit=500&before="
        + first.get("nextBefore").asLong()));
    assertThat(rest.get("items").get(0).get("event").asText()).isEqualTo("Paused");
    assertThat(rest.get("nextBefore").isNull()).isTrue();
    assertThat(get("/api/v1/namespaces/agents/agents/coder-1/provider-events?limit=0").statusCode()).isEqualTo(400);
    assertThat(json(get("/api/v1/namespaces/agents/agents/coder-1/provider-events?limit=abc")).get("field").asText())
        .isEqualTo("limit");
    assertThat(get("/api/v1/namespaces/agents/agents/coder-1/provider-events?before=-3").statusCode()).isEqualTo(400);
    assertThat(get("/api/v1/namespaces/agents/agents/nobody/provider-events").statusCode()).isEqualTo(404);
    op.annotate("coder-1", Agent.UNPAUSE_ANNOTATION, "now");
  }

  @Test
  void usageOfATypeWithoutABudgetCountsTheLastDay() throws Exception {
    JsonNode usage = json(get("/api/v1/namespaces/agents/agenttypes/coder/usage"));

    assertThat(usage.get("window").isNull()).isTrue();
    assertThat(usage.get("limitTokens").isNull()).isTrue();
    assertThat(usage.get("usedTokens").isIntegralNumber()).isTrue();
    assertThat(get("/api/v1/namespaces/agents/agenttypes/nothing/usage").statusCode()).isEqualTo(404);
  }
}
