package io.failover.agents.operator.controller;

import static io.failover.agents.operator.testing.RunningOperator.NS;
import static io.failover.agents.operator.testing.RunningOperator.THREE_TIERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.failover.agents.api.Agent;
import io.failover.agents.api.AgentStatus;
import io.failover.agents.core.outcome.Report;
import io.failover.agents.operator.testing.RunningOperator;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The operator, wired as in production, against the mock API server: tiers switch by rewriting the env Secret. */
class FailoverIntegrationTest extends OperatorIntegrationTest {

  @Test
  void aNewAgentGetsItsEnvSecretDeploymentAndStatus() {
    op.agentType("coder", THREE_TIERS);
    Agent agent = op.agent("coder-1", "coder");

    AgentStatus status = awaitReady("coder-1");

    Map<String, String> env = op.env("coder-1");
    assertThat(env).containsEntry("AGENT_NAME", "coder-1").containsEntry("AGENT_NAMESPACE", NS)
        .containsEntry("AGENT_TIER", "1").containsEntry("AGENT_PROVIDER", "anthropic")
        .containsEntry("AGENT_MODEL", "claude-sonnet-4-5").containsEntry("AGENT_BASE_URL", "https://api.anthropic.com")
        .containsEntry("AGENT_API_KEY", "sk-ant-one").containsEntry("ANTHROPIC_API_KEY", "sk-ant-one")
        .containsEntry("FAILOVER_REPORT_URL", RunningOperator.REPORT_URL + "/api/v1/namespaces/agents/agents/coder-1/outcomes")
        .containsKey("FAILOVER_REPORT_TOKEN");
    assertThat(op.envSecret("coder-1").orElseThrow().getMetadata().getOwnerReferences())
        .singleElement().satisfies(owner -> {
          assertThat(owner.getUid()).isEqualTo(agent.getMetadata().getUid());
          assertThat(owner.getController()).isTrue();
        });
    Deployment deployment = op.deployment("coder-1").orElseThrow();
    assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
    assertThat(deployment.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(agent.getMetadata().getUid()));
    assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsKey("agents.failover.io/env-hash");
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("team", "platform");
    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnvFrom())
        .anySatisfy(from -> assertThat(from.getSecretRef().getName()).isEqualTo("coder-1-provider-env"));
    assertThat(status.getTier()).isEqualTo(1);
    assertThat(status.getProvider()).isEqualTo("anthropic");
    assertThat(status.getModel()).isEqualTo("claude-sonnet-4-5");
    assertThat(status.getPaused()).isFalse();
    assertThat(status.getObservedGeneration()).isEqualTo(agent.getMetadata().getGeneration());
    assertThat(status.getConditions()).extracting(Condition::getType).containsExactly("Degraded", "Paused", "Ready");
    assertThat(condition(status, "Degraded")).isEqualTo("False");
    assertThat(condition(status, "Paused")).isEqualTo("False");
  }

  @Test
  void anAuthFailureOnTier1RewritesTheSecretForTier2AndRollsThePod() {
    op.agentType("coder", THREE_TIERS);
    op.agent("coder-1", "coder");
    awaitReady("coder-1");
    String hashBefore = envHash("coder-1");
    String token = op.env("coder-1").get("FAILOVER_REPORT_TOKEN");

    long seq = op.report("coder-1", Report.failed(401).onTier(1)).seq();

    AgentStatus status = awaitStatus("coder-1", s -> s.getTier() == 2);
    await().atMost(WITHIN).until(() -> "2".equals(op.env("coder-1").get("AGENT_TIER")));
    Map<String, String> env = op.env("coder-1");
    assertThat(env).containsEntry("AGENT_PROVIDER", "deepseek").containsEntry("AGENT_MODEL", "deepseek-chat")
        .containsEntry("AGENT_BASE_URL", "https://api.deepseek.com/anthropic")
        .containsEntry("ANTHROPIC_BASE_URL", "https://api.deepseek.com/anthropic")
        .containsEntry("ANTHROPIC_AUTH_TOKEN", "sk-ds-one").containsEntry("ANTHROPIC_MODEL", "deepseek-chat")
        .containsEntry("AGENT_API_KEY", "sk-ds-one").containsEntry("FAILOVER_REPORT_TOKEN", token)
        .doesNotContainKey("ANTHROPIC_API_KEY");
    await().atMost(WITHIN).until(() -> !envHash("coder-1").equals(hashBefore));
    assertThat(status.getProvider()).isEqualTo("deepseek");
    assertThat(status.getLastFailureKind()).isEqualTo("auth");
    assertThat(status.getLastFailureAt()).isNotNull();
    assertThat(status.getCooldownUntil()).isNotNull();
    assertThat(status.getLastOutcomeSeq()).isEqualTo(seq);
    assertThat(condition(status, "Degraded")).isEqualTo("True");
    await().atMost(WITHIN).untilAsserted(() -> assertThat(op.events("coder-1")).anySatisfy(event -> {
      assertThat(event.getReason()).isEqualTo("TierChanged");
      assertThat(event.getType()).isEqualTo("Warning");
      assertThat(event.getMessage()).isEqualTo("tier 1 (anthropic) -> tier 2 (deepseek): auth");
    }));
    await().atMost(WITHIN).untilAsserted(() -> assertThat(op.ledger().events(NS, "coder-1", Optional.empty(), 10).items()).singleElement().satisfies(event -> {
      assertThat(event.event()).isEqualTo("TierChanged");
      assertThat(event.fromTier()).isEqualTo(1);
      assertThat(event.toTier()).isEqualTo(2);
      assertThat(event.kind()).contains("auth");
      assertThat(event.actor()).isEqualTo("operator");
    }));
  }

  @Test
  void anOutcomeFromBeforeTheSwitchIsRecordedButDoesNotMoveTheAgent() {
    op.agentType("coder", THREE_TIERS);
    op.agent("coder-1", "coder");
    awaitReady("coder-1");
    op.report("coder-1", Report.failed(401).onTier(1));
    awaitStatus("coder-1", s -> s.getTier() == 2);

    long stale = op.report("coder-1", Report.failed(429).onTier(1)).seq();

    AgentStatus status = awaitStatus("coder-1", s -> s.getLastOutcomeSeq() == stale);
    assertThat(status.getTier()).isEqualTo(2);
    assertThat(status.getLastFailureKind()).isEqualTo("auth");
  }

  @Test
  void threeServerErrorsInARowMoveTheAgentDown() {
    op.agentType("coder", THREE_TIERS);
    op.agent("coder-1", "coder");
    awaitReady("coder-1");
    op.report("coder-1", Report.failed(402));
    awaitStatus("coder-1", s -> s.getTier() == 2);

    op.report("coder-1", Report.failed(503));
    op.report("coder-1", Report.failed(503));
    awaitStatus("coder-1", s -> s.getConsecutiveServerErrors() == 2);
    op.report("coder-1", Report.failed(529));

    AgentStatus status = awaitStatus("coder-1", s -> s.getTier() == 3);
    assertThat(status.getLastFailureKind()).isEqualTo("serverError");
    assertThat(status.getConsecutiveServerErrors()).isZero();
    await().atMost(WITHIN).until(() -> "ollama".equals(op.env("coder-1").get("AGENT_PROVIDER")));
    assertThat(op.env("coder-1")).containsEntry("ANTHROPIC_AUTH_TOKEN", "ollama").doesNotContainKey("AGENT_API_KEY");
  }

  @Test
  void aSuccessAfterTheCooldownReturnsTheAgentToTier1() {
    op.agentType("coder", THREE_TIERS + "failover: {cooldownSeconds: 1}\n");
    op.agent("coder-1", "coder");
    awaitReady("coder-1");
    op.report("coder-1", Report.failed(401));
    awaitStatus("coder-1", s -> s.getTier() == 2);

    await().pollDelay(Duration.ofMillis(1100)).atMost(WITHIN).until(() -> true);
    op.report("coder-1", Report.succeeded().onTier(2));

    AgentStatus status = awaitStatus("coder-1", s -> s.getTier() == 1);
    assertThat(status.getCooldownUntil()).isNull();
    assertThat(condition(status, "Degraded")).isEqualTo("False");
    await().atMost(WITHIN).until(() -> "anthropic".equals(op.env("coder-1").get("AGENT_PROVIDER")));
    await().atMost(WITHIN).untilAsserted(() -> assertThat(op.events("coder-1")).extracting(Event::getReason)
        .contains("TierChanged", "Recovered"));
  }

  @Test
  void aSuccessDuringTheCooldownKeepsTheLowerTier() {
    op.agentType("coder", THREE_TIERS);
    op.agent("coder-1", "coder");
    awaitReady("coder-1");
    op.report("coder-1", Report.failed(401));
    awaitStatus("coder-1", s -> s.getTier() == 2);

    long seq = op.report("coder-1", Report.succeeded()).seq();

    assertThat(awaitStatus("coder-1", s -> s.getLastOutcomeSeq() == seq).getTier()).isEqualTo(2);
  }
}
