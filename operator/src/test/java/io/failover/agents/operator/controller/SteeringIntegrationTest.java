package io.failover.agents.operator.controller;

import static io.failover.agents.operator.testing.RunningOperator.NS;
import static io.failover.agents.operator.testing.RunningOperator.THREE_TIERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.failover.agents.api.Agent;
import io.failover.agents.api.AgentStatus;
import io.failover.agents.core.outcome.Report;
import io.failover.agents.operator.ledger.ProviderEvent;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The end of the chain, the steering annotations, chain edits and key rotation. */
class SteeringIntegrationTest extends OperatorIntegrationTest {

  void moveToTier3(String agent) {
    op.report(agent, Report.failed(401));
    awaitStatus(agent, s -> s.getTier() == 2);
    op.report(agent, Report.failed(401));
    awaitStatus(agent, s -> s.getTier() == 3);
  }

  @Test
  void aTriggerOnTheLastTierPausesTheAgentAndScalesItToZero() {
    op.agentType("coder", THREE_TIERS);
    op.agent("coder-1", "coder");
    awaitReady("coder-1");
    moveToTier3("coder-1");

    op.report("coder-1", Report.failed(429));

    AgentStatus status = awaitStatus("coder-1", s -> Boolean.TRUE.equals(s.getPaused()));
    assertThat(status.getPausedReason()).isEqualTo("ChainExhausted");
    assertThat(status.getTier()).isEqualTo(3);
    assertThat(conditionOf(status, "Paused").getReason()).isEqualTo("ChainExhausted");
    await().atMost(WITHIN).until(() -> op.deployment("coder-1").orElseThrow().getSpec().getReplicas() == 0);
  }

  @Test
  void aTriggerOnTheLastTierWithWrapReturnsToTier1() {
    op.agentType("coder", THREE_TIERS + "failover: {onExhausted: Wrap}\n");
    op.agent("coder-1", "coder");
    awaitReady("coder-1");
    moveToTier3("coder-1");

    op.report("coder-1", Report.failed(429));

    AgentStatus status = awaitStatus("coder-1", s -> s.getTier() == 1);
    assertThat(status.getPaused()).isFalse();
    assertThat(status.getCooldownUntil()).isNotNull();
    await().atMost(WITHIN).until(() -> "anthropic".equals(op.env("coder-1").get("AGENT_PROVIDER")));
  }

  @Test
  void resetTierReturnsToTier1AndTheAnnotationIsRemoved() {
    op.agentType("coder", THREE_TIERS);
    op.agent("coder-1", "coder");
    awaitReady("coder-1");
    moveToTier3("coder-1");

    op.annotate("coder-1", Agent.RESET_TIER_ANNOTATION, "now");

    AgentStatus status = awaitStatus("coder-1", s -> s.getTier() == 1);
    assertThat(status.getCooldownUntil()).isNull();
    await().atMost(WITHIN).until(() -> !op.get("coder-1").getMetadata().getAnnotations()
        .containsKey(Agent.RESET_TIER_ANNOTATION));
    await().atMost(WITHIN).until(() -> "anthropic".equals(op.env("coder-1").get("AGENT_PROVIDER")));
    await().atMost(WITHIN).untilAsserted(() -> assertThat(op.events("coder-1")).extracting(Event::getReason)
        .contains("TierReset"));
    await().atMost(WITHIN).untilAsserted(() -> assertThat(op.ledger().events(NS, "coder-1", Optional.empty(), 1).items()).singleElement()
        .satisfies(event -> assertThat(event.event()).isEqualTo("TierReset")));
  }

  @Test
  void pauseScalesToZeroAndUnpauseBringsTheAgentBackOnItsTier() {
    op.agentType("coder", THREE_TIERS);
    op.agent("coder-1", "coder");
    awaitReady("coder-1");
    op.report("coder-1", Report.failed(401));
    awaitStatus("coder-1", s -> s.getTier() == 2);

    op.client.resources(Agent.class).inNamespace(NS).withName("coder-1").edit(agent -> {
      agent.getMetadata().getAnnotations().put(Agent.PAUSE_ANNOTATION, "now");
      agent.getMetadata().getAnnotations().put("agents.failover.io/actor", "alice");
      return agent;
    });

    AgentStatus paused = awaitStatus("coder-1", s -> Boolean.TRUE.equals(s.getPaused()));
    assertThat(paused.getPausedReason()).isEqualTo("Manual");
    assertThat(condition(paused, "Paused")).isEqualTo("True");
    await().atMost(WITHIN).until(() -> op.deployment("coder-1").orElseThrow().getSpec().getReplicas() == 0);
    await().atMost(WITHIN).until(() -> op.get("coder-1").getMetadata().getAnnotations().isEmpty());
    await().atMost(WITHIN).untilAsserted(() -> assertThat(op.ledger().events(NS, "coder-1", Optional.empty(), 1).items()).singleElement()
        .satisfies(event -> {
          assertThat(event.event()).isEqualTo("Paused");
          assertThat(event.actor()).as("a free-text actor annotation is not taken at its word").isNotEqualTo("alice");
        }));

    op.annotate("coder-1", Agent.UNPAUSE_ANNOTATION, "now");

    AgentStatus running = awaitStatus("coder-1", s -> Boolean.FALSE.equals(s.getPaused()));
    assertThat(running.getTier()).isEqualTo(2);
    assertThat(running.getPausedReason()).isEmpty();
    await().atMost(WITHIN).until(() -> op.deployment("coder-1").orElseThrow().getSpec().getReplicas() == 1);
    await().atMost(WITHIN).untilAsserted(() -> assertThat(op.events("coder-1")).extracting(Event::getReason)
        .contains("Paused", "Unpaused"));
  }

  @Test
  void anAnnotationThatChangesNothingIsRemovedWithoutRecordingAnything() {
    op.agentType("coder", THREE_TIERS);
    op.agent("coder-1", "coder");
    awaitReady("coder-1");

    op.annotate("coder-1", Agent.UNPAUSE_ANNOTATION, "now");

    await().atMost(WITHIN).until(() -> op.get("coder-1").getMetadata().getAnnotations().isEmpty());
    await().atMost(WITHIN).untilAsserted(() -> assertThat(op.ledger().events(NS, "coder-1", Optional.empty(), 10).items()).isEmpty());
  }

  @Test
  void shorteningTheChainPutsTheAgentOnTheNewLastTier() {
    op.agentType("coder", THREE_TIERS);
    op.agent("coder-1", "coder");
    awaitReady("coder-1");
    moveToTier3("coder-1");

    op.agentType("coder", THREE_TIERS.replace("""
        - provider: ollama
          model: qwen3-coder
          baseUrl: http://ollama.ollama:11434
        """, ""));

    AgentStatus status = awaitStatus("coder-1", s -> s.getTier() == 2);
    assertThat(status.getProvider()).isEqualTo("deepseek");
    await().atMost(WITHIN).until(() -> "deepseek".equals(op.env("coder-1").get("AGENT_PROVIDER")));
    await().atMost(WITHIN).untilAsserted(() -> assertThat(op.ledger().events(NS, "coder-1", Optional.empty(), 1).items()).singleElement().satisfies(event -> {
      assertThat(event.event()).isEqualTo("ChainClamped");
      assertThat(event.fromTier()).isEqualTo(3);
      assertThat(event.toTier()).isEqualTo(2);
    }));
  }

  @Test
  void editingAModelReachesTheEnvSecret() {
    op.agentType("coder", THREE_TIERS);
    op.agent("coder-1", "coder");
    awaitReady("coder-1");

    op.agentType("coder", THREE_TIERS.replace("claude-sonnet-4-5", "claude-opus-4-1"));

    await().atMost(WITHIN).until(() -> "claude-opus-4-1".equals(op.env("coder-1").get("AGENT_MODEL")));
    assertThat(awaitStatus("coder-1", s -> "claude-opus-4-1".equals(s.getModel())).getTier()).isEqualTo(1);
  }

  @Test
  void aRotatedKeyReachesEveryAffectedAgent() {
    op.agentType("coder", THREE_TIERS);
    op.agent("coder-1", "coder");
    op.agent("coder-2", "coder");
    awaitReady("coder-1");
    awaitReady("coder-2");
    String hashBefore = envHash("coder-1");

    op.secret("anthropic-key", "api-key", "sk-ant-two");

    await().atMost(WITHIN).until(() -> "sk-ant-two".equals(op.env("coder-1").get("ANTHROPIC_API_KEY"))
        && "sk-ant-two".equals(op.env("coder-2").get("ANTHROPIC_API_KEY")));
    await().atMost(WITHIN).until(() -> !envHash("coder-1").equals(hashBefore));
  }

  @Test
  void eventsAndLedgerRowsNeverCarryASecret() {
    op.agentType("coder", THREE_TIERS);
    op.agent("coder-1", "coder");
    awaitReady("coder-1");
    String token = op.env("coder-1").get("FAILOVER_REPORT_TOKEN");
    moveToTier3("coder-1");
    op.annotate("coder-1", Agent.RESET_TIER_ANNOTATION, "now");
    awaitStatus("coder-1", s -> s.getTier() == 1);

    String everything = op.events("coder-1").stream().map(Event::getMessage).toList().toString()
        + op.ledger().events(NS, "coder-1", Optional.empty(), 50).items().stream().map(ProviderEvent::toString).toList()
        + io.fabric8.kubernetes.client.utils.Serialization.asJson(op.get("coder-1"));
    assertThat(everything).doesNotContain("sk-ant-one", "sk-ds-one", token);
  }
}
