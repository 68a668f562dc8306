package io.failover.agents.operator.intake;

import static io.failover.agents.operator.testing.RunningOperator.THREE_TIERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.failover.agents.operator.testing.RunningOperator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random reports against the intake, for a bounded time, with a seed that is printed (and can be
 * set with -Dfuzz.seed) so that a failure can be replayed. Shapes, numbers at the edges, unicode
 * including lone surrogates, sizes around the limits, and wrong headers. The invariant: every
 * answer is one of the SPEC's codes with the SPEC's body, and exactly the acknowledged reports are
 * stored: no refused report changes anything.
 */
class IntakeFuzzTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Set<Integer> SPEC_CODES = Set.of(200, 202, 400, 401, 403, 404, 413, 415);
  static final int REQUESTS = Integer.getInteger("fuzz.requests", 1_500);
  static final Duration TIME_BOX = Duration.ofSeconds(Long.getLong("fuzz.seconds", 40));
  static final String[] FIELDS = {"result", "httpStatus", "errorType", "errorCode", "message", "retryAfterSeconds",
      "tier", "provider", "inputTokens", "outputTokens", "id", "resetAt", "unknownField"};
  static final String[] NUMBERS = {"0", "-1", "1", "2", "3", "4", "99", "100", "599", "600", "1000000000", "1000000001",
      "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1.5", "-0.0", "1e3", "1E308", "1e-7",
      "00", "0x10"};
  static final String[] STRINGS = {"success", "error", "", "auth", "anthropic", "deepseek", "ollama", "gemini",
      "authentication_error", "insufficient_quota", "\\u0000", "\\ud800", "x\\udbff", "\\udc00x", "\\ud83d\\ude80",
      "é", "日本語", "\\\"quoted\\\"", " ", "2026-12-01T10:15:00Z", "2026-12-01T10:15:00+02:00", "9999-12-31T23:59:59Z",
      "2026-13-01T00:00:00Z"};

  @TempDir Path dir;

  @Test
  void everyAnswerIsASpecAnswerAndOnlyAcknowledgedReportsAreStored() throws Exception {
    long seed = Long.getLong("fuzz.seed", System.nanoTime());
    System.out.println("IntakeFuzzTest seed: " + seed + " (replay with -Dfuzz.seed=" + seed + ")");
    Random random = new Random(seed);
    try (RunningOperator op = RunningOperator.start(dir)) {
      op.providerKeys();
      op.agentType("coder", THREE_TIERS + "failover: {onExhausted: Wrap}\n");
      op.agent("coder-1", "coder");
      op.agent("coder-2", "coder");
      await().atMost(Duration.ofSeconds(10)).until(() -> op.env("coder-1").containsKey("FAILOVER_REPORT_TOKEN")
          && op.env("coder-2").containsKey("FAILOVER_REPORT_TOKEN"));
      String token = op.env("coder-1").get("FAILOVER_REPORT_TOKEN");
      String otherToken = op.env("coder-2").get("FAILOVER_REPORT_TOKEN");
      String uid = op.get("coder-1").getMetadata().getUid();
      String base = op.http();
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

      Set<Long> acknowledged = new TreeSet<>();
      Set<Long> seen = new HashSet<>();
      long deadline = System.nanoTime() + TIME_BOX.toNanos();
      int sent = 0;
      for (; sent < REQUESTS && System.nanoTime() < deadline; sent++) {
        String body = body(random);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path(random)))
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString(body));
        String authorization = authorization(random, token, otherToken);
        if (authorization != null) {
          request.header("Authorization", authorization);
        }
        String contentType = contentType(random);
        if (contentType != null) {
          request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());

        String replay = "seed " + seed + ", request " + sent + ": " + abbreviate(body) + " -> " + response.statusCode()
            + " " + response.body();
        assertThat(SPEC_CODES).as(replay).contains(response.statusCode());
        JsonNode answer = JSON.readTree(response.body());
        if (response.statusCode() < 300) {
          assertThat(answer.size()).as(replay).isEqualTo(1);
          long seq = answer.get("seq").asLong();
          assertThat(seen.add(seq) || response.statusCode() == 200).as(replay).isTrue();
          if (response.statusCode() == 202) {
            acknowledged.add(seq);
          } else {
            assertThat(seen).as(replay).contains(seq);
          }
        } else {
          assertThat(answer.get("code").asInt()).as(replay).isEqualTo(response.statusCode());
          assertThat(answer.get("message").asText()).as(replay).isNotBlank();
          assertThat(answer.size()).as(replay).isLessThanOrEqualTo(3);
          if (answer.has("field")) {
            assertThat(answer.get("message").asText()).as(replay).startsWith(answer.get("field").asText() + ": ");
          }
        }
      }

      System.out.println("IntakeFuzzTest: " + sent + " requests, " + acknowledged.size() + " acknowledged");
      List<Long> stored = new ArrayList<>();
      op.ledger().outcomesAfter(uid, 0, 100_000).forEach(outcome -> stored.add(outcome.seq()));
      assertThat(stored).as("seed %d: exactly the acknowledged reports are stored", seed)
          .containsExactlyElementsOf(acknowledged);
      long last = acknowledged.stream().mapToLong(Long::longValue).max().orElse(0);
      await().atMost(Duration.ofSeconds(10)).until(() -> op.get("coder-1").getStatus().getLastOutcomeSeq() >= last);
      assertThat(sent).as("the time box left room for a meaningful run").isGreaterThan(200);
    }
  }

  private static String path(Random random) {
    return switch (random.nextInt(20)) {
      case 0 -> "/api/v1/namespaces/agents/agents/nobody/outcomes";
      case 1 -> "/api/v1/namespaces/elsewhere/agents/coder-1/outcomes";
      default -> "/api/v1/namespaces/agents/agents/coder-1/outcomes";
    };
  }

  private static String authorization(Random random, String token, String otherToken) {
    return switch (random.nextInt(20)) {
      case 0 -> null;
      case 1 -> "Bearer " + otherToken;
      case 2 -> "Basic " + token;
      case 3 -> "Bearer";
      case 4 -> "bearer " + token;
      case 5 -> "Bearer " + token.substring(1);
      default -> "Bearer " + token;
    };
  }

  private static String contentType(Random random) {
    return switch (random.nextInt(20)) {
      case 0 -> null;
      case 1 -> "text/plain";
      case 2 -> "application/vnd.report+json";
      case 3 -> "application/json; charset=utf-8";
      case 4 -> "application/jsonx";
      default -> "application/json";
    };
  }

  private static String body(Random random) {
    return switch (random.nextInt(20)) {
      case 0 -> "";
      case 1 -> "{\"result\":";
      case 2 -> "[1,2,3]";
      case 3 -> "null";
      case 4 -> "{\"result\":\"success\",\"message\":\"" + "x".repeat(65_536 - 31 - 2 + random.nextInt(3) - 1) + "\"}";
      case 5 -> "{\"result\":\"error\",\"message\":\"" + "m".repeat(4_090 + random.nextInt(12)) + "\"}";
      case 6 -> "{\"result\":\"success\",\"id\":\"" + "i".repeat(250 + random.nextInt(12)) + "\"}";
      case 7 -> "{\"result\":\"success\"} trailing";
      default -> object(random);
    };
  }

  private static String object(Random random) {
    StringBuilder json = new StringBuilder("{");
    boolean first = true;
    if (random.nextInt(4) != 0) {
      json.append("\"result\":").append(random.nextInt(6) == 0 ? value(random) : random.nextBoolean() ? "\"success\"" : "\"error\"");
      first = false;
    }
    int fields = random.nextInt(6);
    for (int i = 0; i < fields; i++) {
      if (!first) {
        json.append(',');
      }
      first = false;
      json.append('"').append(FIELDS[random.nextInt(FIELDS.length)]).append("\":").append(value(random));
    }
    return json.append('}').toString();
  }

  private static String value(Random random) {
    return switch (random.nextInt(8)) {
      case 0, 1, 2 -> NUMBERS[random.nextInt(NUMBERS.length)];
      case 3, 4 -> "\"" + STRINGS[random.nextInt(STRINGS.length)] + "\"";
      case 5 -> random.nextBoolean() ? "true" : "null";
      case 6 -> "[" + NUMBERS[random.nextInt(NUMBERS.length)] + "]";
      default -> "{\"nested\":" + NUMBERS[random.nextInt(NUMBERS.length)] + "}";
    };
  }

  private static String abbreviate(String body) {
    return body.length() <= 300 ? body : body.substring(0, 300) + "... (" + body.length() + " chars)";
  }
}
