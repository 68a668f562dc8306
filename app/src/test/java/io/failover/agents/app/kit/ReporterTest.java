package io.failover.agents.app.kit;

import static io.failover.agents.operator.testing.RunningOperator.THREE_TIERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.failover.agents.core.outcome.Outcome;
import io.failover.agents.operator.testing.RunningOperator;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** agent-kit/failover-report against a running operator over real HTTP, and against scripted answers. */
class ReporterTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  RunningOperator op;
  String uid;
  Map<String, String> env;

  @BeforeEach
  void start() {
    op = RunningOperator.start(dir);
    op.providerKeys();
    op.agentType("coder", THREE_TIERS);
    op.agent("coder-1", "coder");
    await().atMost(Duration.ofSeconds(10)).until(() -> op.env("coder-1").containsKey("FAILOVER_REPORT_TOKEN"));
    uid = op.get("coder-1").getMetadata().getUid();
    env = new HashMap<>(op.env("coder-1"));
    env.keySet().retainAll(List.of("FAILOVER_REPORT_TOKEN", "AGENT_NAMESPACE", "AGENT_NAME", "AGENT_TIER", "AGENT_PROVIDER"));
    env.put("FAILOVER_REPORT_URL", op.http() + "/api/v1/namespaces/agents/agents/coder-1/outcomes");
    env.put("FAILOVER_REPORT_BACKOFF", "0.2");
  }

  @AfterEach
  void stop() {
    op.close();
  }

  List<Outcome> stored() {
    return op.ledger().outcomesAfter(uid, 0, 100);
  }

  @Test
  void aSuccessIsReportedWithItsTokensTierAndProvider() throws Exception {
    KitProcess.Result result = KitProcess.run(KitProcess.reporter("--result", "success", "--input-tokens", "1500",
        "--output-tokens=300"), env, dir);

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(stored()).singleElement().satisfies(outcome -> assertThat(outcome.kind().wireName()).isEqualTo("success"));
    assertThat(op.ledger().tokensUsed("agents", "coder", "anthropic", java.time.Instant.now().minusSeconds(120))).isEqualTo(1800);
  }

  @Test
  void aReportedAuthFailureMovesTheAgentDown() throws Exception {
    KitProcess.Result result = KitProcess.run(KitProcess.reporter("--result", "error", "--http-status", "401",
        "--error-type", "authentication_error", "--message", "invalid x-api-key \"quoted\"\nsecond line"), env, dir);

    assertThat(result.exit()).as(result.err()).isZero();
    await().atMost(Duration.ofSeconds(5)).until(() -> op.get("coder-1").getStatus().getTier() == 2);
  }

  @Test
  void aMissingVariableIsOneLineNamingItAndNothingIsSent() throws Exception {
    env.remove("AGENT_TIER");

    KitProcess.Result result = KitProcess.run(KitProcess.reporter("--result", "success"), env, dir);

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err().lines()).singleElement().asString().contains("AGENT_TIER is not set");
    assertThat(stored()).isEmpty();
  }

  @Test
  void badArgumentsAreRefusedBeforeSendingAnything() throws Exception {
    assertThat(KitProcess.run(KitProcess.reporter("--result", "maybe"), env, dir).err()).contains("--result: must be success or error");
    assertThat(KitProcess.run(KitProcess.reporter("--result", "success", "--input-tokens", "-5"), env, dir).err())
        .contains("--input-tokens: must be a non-negative integer");
    assertThat(KitProcess.run(KitProcess.reporter("--result", "success", "--bogus", "1"), env, dir).exit()).isEqualTo(2);
    assertThat(stored()).isEmpty();
  }

  @Test
  void a400IsNotRetried() throws Exception {
    try (RecordingServer intake = new RecordingServer(400)) {
      env.put("FAILOVER_REPORT_URL", intake.url());

      KitProcess.Result result = KitProcess.run(KitProcess.reporter("--result", "success"), env, dir);

      assertThat(result.exit()).isEqualTo(3);
      assertThat(result.err()).contains("refused the report (400)");
      assertThat(intake.requests).hasSize(1);
    }
  }

  @Test
  void unavailableAnswersAreRetriedWithTheSameIdAndTheTokenOnlyInTheHeader() throws Exception {
    try (RecordingServer intake = new RecordingServer(503, 503, 202)) {
      env.put("FAILOVER_REPORT_URL", intake.url());

      KitProcess.Result result = KitProcess.run(KitProcess.reporter("--result", "success"), env, dir);

      assertThat(result.exit()).as(result.err()).isZero();
      assertThat(intake.requests).hasSize(3);
      List<String> ids = intake.requests.stream().map(r -> read(r.body()).get("id").asText()).distinct().toList();
      assertThat(ids).hasSize(1);
      assertThat(intake.requests).allSatisfy(request -> {
        assertThat(request.authorization()).isEqualTo("Bearer " + env.get("FAILOVER_REPORT_TOKEN"));
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(request.body()).doesNotContain(env.get("FAILOVER_REPORT_TOKEN"));
      });
    }
  }

  @Test
  void anUnreachableOperatorIsRetriedThenAClearFailure() throws Exception {
    env.put("FAILOVER_REPORT_URL", "http://127.0.0.1:" + freePort() + "/api/v1/namespaces/agents/agents/coder-1/outcomes");
    env.put("FAILOVER_REPORT_ATTEMPTS", "3");

    KitProcess.Result result = KitProcess.run(KitProcess.reporter("--result", "success"), env, dir);

    assertThat(result.exit()).isEqualTo(4);
    assertThat(result.err()).contains("gave up after 3 attempts");
  }

  @Test
  void aReportSentWhileTheOperatorRestartsArrivesOnce() throws Exception {
    op.stopRole();
    env.put("FAILOVER_REPORT_ATTEMPTS", "20");
    env.put("FAILOVER_REPORT_MAX_BACKOFF", "0.5");

    Process reporter = KitProcess.start(KitProcess.reporter("--result", "error", "--http-status", "429", "--id", "task-42"), env, dir);
    Thread.sleep(1_500);
    op.startRole();
    KitProcess.Result result = KitProcess.finish(reporter, dir);

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(stored()).singleElement().satisfies(outcome -> assertThat(outcome.kind().wireName()).isEqualTo("rateLimit"));
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static JsonNode read(String body) {
    try {
      return JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
