package io.failover.agents.operator.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.failover.agents.api.Agent;
import io.failover.agents.api.AgentStatus;
import io.failover.agents.core.outcome.Report;
import io.failover.agents.operator.kubernetes.SecretValues;
import io.failover.agents.operator.testing.RunningOperator;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Switch mode PerTask (SPEC section 9): the tiers Secret holds every tier's env, the Deployment mounts
 * it, and a tier change rolls no pod, while a change of chain, template or credentials reference does.
 */
class PerTaskIntegrationTest extends OperatorIntegrationTest {
  static final String PER_TASK = RunningOperator.THREE_TIERS + "switchMode: PerTask\n";

  Optional<Secret> tiersSecret(String agent) {
    return Optional.ofNullable(op.client.secrets().inNamespace(RunningOperator.NS).withName(agent + "-provider-tiers").get());
  }

  String tierFile(String agent, int tier) {
    return SecretValues.of(tiersSecret(agent).orElseThrow(), "tier-" + tier + ".env").orElseThrow();
  }

  PodTemplateSpec podTemplate(String agent) {
    return op.deployment(agent).orElseThrow().getSpec().getTemplate();
  }

  @Test
  void theTiersSecretHoldsEveryTiersCompleteEnvAndTheDeploymentMountsItReadOnly() {
    op.agentType("coder", PER_TASK);
    Agent agent = op.agent("coder-1", "coder");
    awaitReady("coder-1");
    await().atMost(WITHIN).until(() -> tiersSecret("coder-1").isPresent());

    Secret tiers = tiersSecret("coder-1").orElseThrow();
    assertThat(tiers.getData()).containsOnlyKeys("tier-1.env", "tier-2.env", "tier-3.env");
    assertThat(tiers.getMetadata().getLabels()).isEqualTo(op.envSecret("coder-1").orElseThrow().getMetadata().getLabels());
    assertThat(tiers.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(agent.getMetadata().getUid()));
    assertThat(tierFile("coder-1", 1)).isEqualTo(envFile(op.env("coder-1")));
    String token = op.env("coder-1").get("FAILOVER_REPORT_TOKEN");
    assertThat(tierFile("coder-1", 2)).contains("AGENT_TIER='2'\n", "AGENT_PROVIDER='deepseek'\n",
        "ANTHROPIC_AUTH_TOKEN='sk-ds-one'\n", "FAILOVER_REPORT_TOKEN='" + token + "'\n").doesNotContain("sk-ant-one");
    assertThat(tierFile("coder-1", 3)).contains("AGENT_TIER='3'\n", "ANTHROPIC_AUTH_TOKEN='ollama'\n")
        .doesNotContain("sk-ant-one", "sk-ds-one");

    PodTemplateSpec pod = podTemplate("coder-1");
    assertThat(pod.getSpec().getVolumes()).singleElement().satisfies((Volume volume) -> {
      assertThat(volume.getSecret().getSecretName()).isEqualTo("coder-1-provider-tiers");
      assertThat(volume.getName()).isEqualTo("agent-failover-tiers");
    });
    Container container = pod.getSpec().getContainers().get(0);
    assertThat(container.getVolumeMounts()).singleElement().satisfies(mount -> {
      assertThat(mount.getMountPath()).isEqualTo("/etc/agent-failover/tiers");
      assertThat(mount.getReadOnly()).isTrue();
      assertThat(mount.getSubPath()).isNull();
    });
    assertThat(container.getEnvFrom()).anySatisfy(from -> assertThat(from.getSecretRef().getName()).isEqualTo("coder-1-provider-env"));
  }

  @Test
  void aTierChangeRewritesTheEnvSecretButNeitherThePodTemplateNorItsEnvHash() {
    op.agentType("coder", PER_TASK);
    op.agent("coder-1", "coder");
    awaitReady("coder-1");
    await().atMost(WITHIN).until(() -> tiersSecret("coder-1").isPresent());
    PodTemplateSpec before = podTemplate("coder-1");
    String tiersBefore = tiersSecret("coder-1").orElseThrow().getMetadata().getResourceVersion();

    op.report("coder-1", Report.failed(401).onTier(1));
    awaitStatus("coder-1", s -> s.getTier() == 2);
    await().atMost(WITHIN).until(() -> "2".equals(op.env("coder-1").get("AGENT_TIER")));
    op.report("coder-1", Report.failed(402).onTier(2));
    awaitStatus("coder-1", s -> s.getTier() == 3);
    await().atMost(WITHIN).until(() -> "3".equals(op.env("coder-1").get("AGENT_TIER")));

    assertThat(podTemplate("coder-1")).isEqualTo(before);
    assertThat(tiersSecret("coder-1").orElseThrow().getMetadata().getResourceVersion()).isEqualTo(tiersBefore);
  }

  @Test
  void aChainChangeRollsThePod() {
    op.agentType("coder", PER_TASK);
    op.agent("coder-1", "coder");
    awaitReady("coder-1");
    String hash = envHashWhenMounted("coder-1");

    op.agentType("coder", PER_TASK.replace("model: deepseek-chat", "model: deepseek-reasoner"));

    await().atMost(WITHIN).until(() -> !hash.equals(envHash("coder-1")));
    assertThat(tierFile("coder-1", 2)).contains("AGENT_MODEL='deepseek-reasoner'\n");
  }

  @Test
  void anotherCredentialsReferenceRollsThePod() {
    op.agentType("coder", PER_TASK);
    op.agent("coder-1", "coder");
    awaitReady("coder-1");
    String hash = envHashWhenMounted("coder-1");
    op.secret("deepseek-key-2", "token", "sk-ds-two");

    op.agentType("coder", PER_TASK.replace("{name: deepseek-key, key: api-key}", "{name: deepseek-key-2, key: token}"));

    await().atMost(WITHIN).until(() -> !hash.equals(envHash("coder-1")));
    assertThat(tierFile("coder-1", 2)).contains("ANTHROPIC_AUTH_TOKEN='sk-ds-two'\n");
  }

  @Test
  void aTemplateChangeRollsThePod() {
    op.agentType("coder", PER_TASK);
    op.agent("coder-1", "coder");
    awaitReady("coder-1");
    envHashWhenMounted("coder-1");

    op.agentType("coder", PER_TASK.replace("claude-code-agent:1", "claude-code-agent:2"));

    await().atMost(WITHIN).until(() -> "example.com/claude-code-agent:2".equals(
        podTemplate("coder-1").getSpec().getContainers().get(0).getImage()));
  }

  @Test
  void aRotatedKeyReachesTheTiersSecretWithoutRollingThePod() {
    op.agentType("coder", PER_TASK);
    op.agent("coder-1", "coder");
    awaitReady("coder-1");
    String hash = envHashWhenMounted("coder-1");

    op.secret("deepseek-key", "api-key", "sk-ds-rotated");

    await().atMost(WITHIN).until(() -> tierFile("coder-1", 2).contains("ANTHROPIC_AUTH_TOKEN='sk-ds-rotated'\n"));
    assertThat(envHash("coder-1")).isEqualTo(hash);
  }

  @Test
  void theSwitchModeChangesOnALiveAgentTypeBothWaysWithoutLosingState() {
    op.agentType("coder", RunningOperator.THREE_TIERS);
    op.agent("coder-1", "coder");
    awaitReady("coder-1");
    op.report("coder-1", Report.failed(401).onTier(1));
    AgentStatus onTier2 = awaitStatus("coder-1", s -> s.getTier() == 2);
    assertThat(podTemplate("coder-1").getSpec().getVolumes()).isNullOrEmpty();

    op.agentType("coder", PER_TASK);
    await().atMost(WITHIN).until(() -> tiersSecret("coder-1").isPresent()
        && podTemplate("coder-1").getSpec().getVolumes() != null && !podTemplate("coder-1").getSpec().getVolumes().isEmpty());
    assertSameState(op.get("coder-1").getStatus(), onTier2);
    assertThat(op.env("coder-1")).containsEntry("AGENT_TIER", "2");

    op.report("coder-1", Report.failed(402).onTier(2));
    AgentStatus onTier3 = awaitStatus("coder-1", s -> s.getTier() == 3);
    String perTaskHash = envHash("coder-1");

    op.agentType("coder", RunningOperator.THREE_TIERS + "switchMode: Restart\n");
    await().atMost(WITHIN).until(() -> podTemplate("coder-1").getSpec().getVolumes() == null
        || podTemplate("coder-1").getSpec().getVolumes().isEmpty());
    assertSameState(op.get("coder-1").getStatus(), onTier3);
    assertThat(op.env("coder-1")).containsEntry("AGENT_TIER", "3");
    assertThat(envHash("coder-1")).isNotEqualTo(perTaskHash);
    assertThat(op.ledger().events(RunningOperator.NS, "coder-1", Optional.empty(), 50).items()).hasSize(2);
  }

  @Test
  void aTiersSecretTheOperatorDoesNotManageIsNotTakenOver() {
    op.client.secrets().inNamespace(RunningOperator.NS).resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
        .withMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("coder-1-provider-tiers")
            .withNamespace(RunningOperator.NS).build())
        .withStringData(Map.of("MINE", "yes")).build()).create();
    op.agentType("coder", PER_TASK);
    op.agent("coder-1", "coder");

    AgentStatus status = awaitStatus("coder-1", s -> "ResourceConflict".equals(conditionOf(s, "Ready").getReason()));

    assertThat(conditionOf(status, "Ready").getMessage())
        .isEqualTo("Secret agents/coder-1-provider-tiers exists and is not managed by the operator");
    assertThat(tiersSecret("coder-1").orElseThrow().getStringData()).containsEntry("MINE", "yes");
  }

  @Test
  void inPerTaskEveryTiersCredentialsMustResolve() {
    op.agentType("coder", PER_TASK.replace("{name: deepseek-key, key: api-key}", "{name: deepseek-key, key: missing}"));
    op.agent("coder-1", "coder");

    AgentStatus status = awaitStatus("coder-1", s -> "CredentialsNotFound".equals(conditionOf(s, "Ready").getReason()));

    assertThat(conditionOf(status, "Ready").getMessage())
        .isEqualTo("Secret agents/deepseek-key has no key \"missing\" (credentials of tier 2, deepseek)");
    assertThat(tiersSecret("coder-1")).isEmpty();
  }

  private static void assertSameState(AgentStatus actual, AgentStatus expected) {
    assertThat(actual.getTier()).isEqualTo(expected.getTier());
    assertThat(actual.getCooldownUntil()).isEqualTo(expected.getCooldownUntil());
    assertThat(actual.getLastOutcomeSeq()).isEqualTo(expected.getLastOutcomeSeq());
    assertThat(actual.getLastFailureKind()).isEqualTo(expected.getLastFailureKind());
    assertThat(actual.getPaused()).isEqualTo(expected.getPaused());
  }

  private String envHashWhenMounted(String agent) {
    await().atMost(WITHIN).until(() -> tiersSecret(agent).isPresent() && podTemplate(agent).getSpec().getVolumes() != null);
    return envHash(agent);
  }

  private static String envFile(Map<String, String> env) {
    StringBuilder file = new StringBuilder();
    new java.util.TreeMap<>(env).forEach((key, value) -> file.append(key).append("='")
        .append(value.replace("'", "'\\''")).append("'\n"));
    return file.toString();
  }
}
