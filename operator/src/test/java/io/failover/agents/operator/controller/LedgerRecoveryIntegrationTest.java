package io.failover.agents.operator.controller;

import static io.failover.agents.operator.testing.RunningOperator.NS;
import static io.failover.agents.operator.testing.RunningOperator.THREE_TIERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.failover.agents.api.AgentStatus;
import io.failover.agents.core.outcome.OutcomeKind;
import io.failover.agents.core.outcome.Report;
import io.failover.agents.operator.ledger.Ledger;
import io.failover.agents.operator.ledger.NewOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Budgets trip and hold recovery; a crash or a lost ledger neither loses nor repeats state. */
class LedgerRecoveryIntegrationTest extends OperatorIntegrationTest {

  @Test
  void spendingTheTier1BudgetMovesTheReportingAgentDownAndHoldsRecovery() {
    op.agentType("coder", THREE_TIERS + "failover: {cooldownSeconds: 0, tokenBudget: {limitTokens: 1000, window: 5h}}\n");
    op.agent("coder-1", "coder");
    op.agent("coder-2", "coder");
    awaitReady("coder-1");
    awaitReady("coder-2");

    op.report("coder-2", Report.succeeded().withTokens(400, 200));
    assertThat(awaitStatus("coder-2", s -> s.getLastOutcomeSeq() > 0).getTier()).isEqualTo(1);
    op.report("coder-1", Report.succeeded().withTokens(300, 100));

    AgentStatus status = awaitStatus("coder-1", s -> s.getTier() == 2);
    assertThat(status.getLastFailureKind()).isEqualTo("tokenBudget");
    await().atMost(WITHIN).untilAsserted(() -> assertThat(op.ledger().events(NS, "coder-1", Optional.empty(), 1).items()).singleElement().satisfies(event -> {
      assertThat(event.event()).isEqualTo("BudgetExceeded");
      assertThat(event.kind()).contains("tokenBudget");
      assertThat(event.message()).isEqualTo("usage=1000/1000");
    }));
    await().atMost(WITHIN).untilAsserted(() -> assertThat(op.events("coder-1")).anySatisfy(event -> {
      assertThat(event.getReason()).isEqualTo("BudgetExceeded");
      assertThat(event.getType()).isEqualTo("Warning");
      assertThat(event.getMessage()).isEqualTo("tier 1 -> tier 2: tokenBudget usage=1000/1000");
    }));

    long seq = op.report("coder-1", Report.succeeded().onTier(2).withTokens(50, 50)).seq();

    assertThat(awaitStatus("coder-1", s -> s.getLastOutcomeSeq() == seq).getTier())
        .as("tier 1 is still over budget: no recovery").isEqualTo(2);
  }

  @Test
  void tokensOnALowerTierDoNotCountAgainstTheTier1Budget() {
    op.agentType("coder", THREE_TIERS + "failover: {tokenBudget: {limitTokens: 1000, window: 5h}}\n");
    op.agent("coder-1", "coder");
    awaitReady("coder-1");

    op.report("coder-1", Report.succeeded().withTokens(5000, 0)
        .withProvider("deepseek"));
    long seq = op.report("coder-1", Report.succeeded()).seq();

    assertThat(awaitStatus("coder-1", s -> s.getLastOutcomeSeq() == seq).getTier()).isEqualTo(1);
  }

  @Test
  void anOutcomeCommittedJustBeforeACrashIsAppliedExactlyOnceAfterRestart() {
    op.agentType("coder", THREE_TIERS);
    op.agent("coder-1", "coder");
    awaitReady("coder-1");
    String uid = op.get("coder-1").getMetadata().getUid();
    op.stopRole();
    long seq;
    try (Ledger ledger = Ledger.open(op.ledgerFile(), Ledger.DEFAULT_RETENTION, Clock.systemUTC())) {
      seq = ledger.append(new NewOutcome(Instant.now(), NS, "coder-1", uid, "coder",
          Report.failed(401).onTier(1).withId("task-9"), OutcomeKind.AUTH, "anthropic")).join().seq();
    }

    op.startRole();
    AgentStatus status = awaitStatus("coder-1", s -> s.getLastOutcomeSeq() == seq);
    assertThat(status.getTier()).isEqualTo(2);
    await().atMost(WITHIN).until(() -> "deepseek".equals(op.env("coder-1").get("AGENT_PROVIDER")));
    op.restart();
    await().pollDelay(java.time.Duration.ofSeconds(1)).until(() -> true);
    assertThat(op.get("coder-1").getStatus().getTier()).isEqualTo(2);
    await().atMost(WITHIN).untilAsserted(() -> assertThat(op.ledger().events(NS, "coder-1", Optional.empty(), 10).items())
        .extracting(event -> event.event()).containsExactly("TierChanged"));
  }

  @Test
  void aMissingLedgerFileIsCreatedAfreshAndStateContinuesFromStatus() throws Exception {
    op.agentType("coder", THREE_TIERS);
    op.agent("coder-1", "coder");
    awaitReady("coder-1");
    op.report("coder-1", Report.failed(401));
    awaitStatus("coder-1", s -> s.getTier() == 2);
    op.stopRole();
    Path file = op.ledgerFile();
    for (String suffix : new String[] {"", "-wal", "-shm"}) {
      Files.deleteIfExists(Path.of(file + suffix));
    }

    op.startRole();
    await().pollDelay(java.time.Duration.ofMillis(500)).until(() -> true);
    assertThat(op.get("coder-1").getStatus().getTier()).isEqualTo(2);

    op.report("coder-1", Report.failed(503).onTier(2));
    op.report("coder-1", Report.failed(503).onTier(2));
    op.report("coder-1", Report.failed(503).onTier(2));

    assertThat(awaitStatus("coder-1", s -> s.getTier() == 3).getLastFailureKind()).isEqualTo("serverError");
    assertThat(Files.exists(file)).isTrue();
  }

}
