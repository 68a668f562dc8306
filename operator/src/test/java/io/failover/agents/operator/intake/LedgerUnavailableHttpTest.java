package io.failover.agents.operator.intake;

import static io.failover.agents.operator.testing.RunningOperator.THREE_TIERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.failover.agents.operator.ledger.Ledger;
import io.failover.agents.operator.testing.RunningOperator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A ledger that cannot commit answers 503 and acknowledges nothing; the agent's retry with the same id lands once. */
class LedgerUnavailableHttpTest {
  @TempDir Path dir;

  @Test
  void aLockedLedgerAnswers503AndTheRetryLandsOnce() throws Exception {
    try (RunningOperator op = RunningOperator.with()
        .ledger((file, retention, clock) -> Ledger.open(file, retention, clock, Duration.ofMillis(300))).start(dir)) {
      Path file = op.ledgerFile();
      op.providerKeys();
      op.agentType("coder", THREE_TIERS);
      op.agent("coder-1", "coder");
      await().atMost(Duration.ofSeconds(10)).until(() -> op.env("coder-1").containsKey("FAILOVER_REPORT_TOKEN"));
      String token = op.env("coder-1").get("FAILOVER_REPORT_TOKEN");
      HttpRequest report = HttpRequest.newBuilder(URI.create(op.http() + "/api/v1/namespaces/agents/agents/coder-1/outcomes"))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"result\":\"error\",\"httpStatus\":401,\"id\":\"task-1\"}")).build();
      String uid = op.get("coder-1").getMetadata().getUid();

      HttpResponse<String> refused;
      try (Connection holder = DriverManager.getConnection("jdbc:sqlite:" + file); Statement lock = holder.createStatement()) {
        lock.execute("BEGIN EXCLUSIVE");
        refused = HttpClient.newHttpClient().send(report, HttpResponse.BodyHandlers.ofString());
        lock.execute("ROLLBACK");
      }

      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.body()).contains("\"code\":503");
      assertThat(op.ledger().outcomesAfter(uid, 0, 10)).isEmpty();
      assertThat(op.get("coder-1").getStatus().getTier()).isEqualTo(1);

      HttpResponse<String> retried = HttpClient.newHttpClient().send(report, HttpResponse.BodyHandlers.ofString());

      assertThat(retried.statusCode()).isEqualTo(202);
      await().atMost(Duration.ofSeconds(5)).until(() -> op.get("coder-1").getStatus().getTier() == 2);
      assertThat(op.ledger().outcomesAfter(uid, 0, 10)).hasSize(1);
    }
  }
}
