package io.failover.agents.operator.controller;

import static io.failover.agents.operator.testing.RunningOperator.NS;
import static io.failover.agents.operator.testing.RunningOperator.THREE_TIERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.failover.agents.api.AgentStatus;
import io.failover.agents.api.AgentType;
import io.failover.agents.api.AgentTypeStatus;
import io.failover.agents.core.outcome.Report;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each bad input leaves a clear reason in status, nothing half-rendered, and the operator recovers once fixed. */
class BadInputIntegrationTest extends OperatorIntegrationTest {

  void assertNothingRendered(String agent) {
    await().during(Duration.ofMillis(500)).atMost(WITHIN).until(() -> op.envSecret(agent).isEmpty()
        && op.deployment(agent).isEmpty());
  }

  @Test
  void anAgentNamingAMissingAgentTypeWaitsForIt() {
    op.agent("coder-1", "coder");

    AgentStatus status = awaitNotReady("coder-1", "AgentTypeNotFound");

    assertThat(conditionOf(status, "Ready").getMessage()).isEqualTo("AgentType agents/coder not found (spec.type)");
    assertThat(status.getConditions()).extracting(Condition::getType).containsExactly("Degraded", "Paused", "Ready");
    assertNothingRendered("coder-1");

    op.agentType("coder", THREE_TIERS);

    awaitReady("coder-1");
    assertThat(op.env("coder-1")).containsEntry("AGENT_PROVIDER", "anthropic");
  }

  @Test
  void anInvalidAgentTypeIsReportedWithTheFieldPathOnBothResources() {
    op.agentType("coder", THREE_TIERS.replace("model: deepseek-chat", "model: \"\""));
    op.agent("coder-1", "coder");

    AgentStatus status = awaitNotReady("coder-1", "InvalidSpec");

    assertThat(conditionOf(status, "Ready").getMessage())
        .isEqualTo("AgentType agents/coder is invalid: spec.providerChain[1].model: must not be empty");
    assertNothingRendered("coder-1");
    await().atMost(WITHIN).untilAsserted(() -> {
      AgentTypeStatus typeStatus = op.client.resources(AgentType.class).inNamespace(NS).withName("coder").get().getStatus();
      assertThat(typeStatus).isNotNull();
      assertThat(typeStatus.getConditions()).singleElement().satisfies(valid -> {
        assertThat(valid.getType()).isEqualTo("Valid");
        assertThat(valid.getStatus()).isEqualTo("False");
        assertThat(valid.getReason()).isEqualTo("InvalidSpec");
        assertThat(valid.getMessage()).isEqualTo("spec.providerChain[1].model: must not be empty");
      });
    });

    op.agentType("coder", THREE_TIERS);

    awaitReady("coder-1");
    await().atMost(WITHIN).until(() -> "True".equals(op.client.resources(AgentType.class).inNamespace(NS)
        .withName("coder").get().getStatus().getConditions().get(0).getStatus()));
  }

  @Test
  void aValidAgentTypeReportsItsEffectiveTriggersAndWarnings() {
    op.agentType("solo", """
        provider: anthropic
        model: claude-sonnet-4-5
        credentialsSecretRef: {name: anthropic-key, key: api-key}
        failover: {tokenBudget: {limitTokens: 1000, window: 1h}}
        template: {spec: {containers: [{name: agent, image: x}]}}
        """);

    await().atMost(WITHIN).untilAsserted(() -> {
      AgentTypeStatus status = op.client.resources(AgentType.class).inNamespace(NS).withName("solo").get().getStatus();
      assertThat(status).isNotNull();
      assertThat(status.getEffectiveTriggers()).containsExactly("auth", "quota", "rateLimit", "serverError");
      assertThat(status.getWarnings()).containsExactly(
          "spec.failover.triggers: tokenBudget has no effect on a chain of one; the budget is kept");
      assertThat(status.getConditions().get(0).getStatus()).isEqualTo("True");
      assertThat(status.getObservedGeneration()).isNotNull();
    });
  }

  @Test
  void aMissingCredentialsSecretIsNamedAndNothingIsRenderedUntilItExists() {
    op.client.secrets().inNamespace(NS).withName("anthropic-key").delete();
    await().atMost(WITHIN).until(() -> op.client.secrets().inNamespace(NS).withName("anthropic-key").get() == null);
    op.agentType("coder", THREE_TIERS);
    op.agent("coder-1", "coder");

    AgentStatus status = awaitNotReady("coder-1", "CredentialsNotFound");

    assertThat(conditionOf(status, "Ready").getMessage())
        .isEqualTo("Secret agents/anthropic-key not found (credentials of tier 1, anthropic)");
    assertNothingRendered("coder-1");

    op.secret("anthropic-key", "api-key", "sk-ant-late");

    awaitReady("coder-1");
    assertThat(op.env("coder-1")).containsEntry("ANTHROPIC_API_KEY", "sk-ant-late");
  }

  @Test
  void aMissingKeyInTheCredentialsSecretIsNamed() {
    op.secret("anthropic-key", "wrong-key", "sk");
    op.client.secrets().inNamespace(NS).withName("anthropic-key").edit(secret -> {
      secret.setData(Map.of("wrong-key", "c2s="));
      return secret;
    });
    op.agentType("coder", THREE_TIERS);
    op.agent("coder-1", "coder");

    AgentStatus status = awaitNotReady("coder-1", "CredentialsNotFound");

    assertThat(conditionOf(status, "Ready").getMessage())
        .isEqualTo("Secret agents/anthropic-key has no key \"api-key\" (credentials of tier 1, anthropic)");
    assertNothingRendered("coder-1");
  }

  @Test
  void failingOverToATierWithoutCredentialsKeepsTheOldEnvAndSaysWhy() {
    op.client.secrets().inNamespace(NS).withName("deepseek-key").delete();
    op.agentType("coder", THREE_TIERS);
    op.agent("coder-1", "coder");
    awaitReady("coder-1");

    op.report("coder-1", Report.failed(401));

    AgentStatus status = awaitNotReady("coder-1", "CredentialsNotFound");
    assertThat(status.getTier()).isEqualTo(2);
    assertThat(op.env("coder-1")).containsEntry("AGENT_TIER", "1").containsEntry("AGENT_PROVIDER", "anthropic");

    op.secret("deepseek-key", "api-key", "sk-ds-two");

    awaitReady("coder-1");
    await().atMost(WITHIN).until(() -> "sk-ds-two".equals(op.env("coder-1").get("ANTHROPIC_AUTH_TOKEN")));
  }

  @Test
  void aCredentialsSecretWithoutTheOptInLabelIsNotUsedAndSaysWhichLabelIsMissing() {
    op.secret("anthropic-key", "api-key", "db-password-not-a-key", Map.of());
    op.agentType("coder", THREE_TIERS);
    op.agent("coder-1", "coder");

    AgentStatus status = awaitNotReady("coder-1", "CredentialsNotAllowed");

    assertThat(conditionOf(status, "Ready").getMessage()).isEqualTo("Secret agents/anthropic-key (credentials of tier 1,"
        + " anthropic) does not carry the label agents.failover.io/credentials=true that allows the operator to use it"
        + " as provider credentials");
    assertNothingRendered("coder-1");
    assertThat(io.fabric8.kubernetes.client.utils.Serialization.asJson(op.get("coder-1"))).doesNotContain("db-password");

    op.secret("anthropic-key", "api-key", "sk-ant-labelled");

    awaitReady("coder-1");
    assertThat(op.env("coder-1")).containsEntry("ANTHROPIC_API_KEY", "sk-ant-labelled");
  }

  @Test
  void onlyTheOperatorsOwnSecretsAndLabelledCredentialsAreWatched() {
    // the operator started before this test's requests were reset: restart it to see its list and watch calls
    op.stopRole();
    op.cluster.resetRequests();
    op.startRole();
    {
      var secretReads = op.cluster.requestsSinceReset().stream()
          .filter(request -> request.startsWith("GET /api/v1/secrets") || request.matches("GET /api/v1/namespaces/[^/]+/secrets\\?.*"))
          .toList();
      assertThat(secretReads).isNotEmpty().allSatisfy(request -> assertThat(request).contains("labelSelector="));
      assertThat(secretReads).anySatisfy(request -> assertThat(request).contains("agents.failover.io%2Fcredentials%3Dtrue"))
          .anySatisfy(request -> assertThat(request).contains("app.kubernetes.io%2Fmanaged-by%3Dagent-failover-operator"));
    }
  }

  @Test
  void anObjectTheOperatorDoesNotManageIsNotTakenOver() {
    op.client.secrets().inNamespace(NS).resource(new SecretBuilder()
        .withMetadata(new ObjectMetaBuilder().withName("coder-1-provider-env").withNamespace(NS).build())
        .withStringData(Map.of("MINE", "yes")).build()).create();
    op.agentType("coder", THREE_TIERS);
    op.agent("coder-1", "coder");

    AgentStatus status = awaitNotReady("coder-1", "ResourceConflict");

    assertThat(conditionOf(status, "Ready").getMessage())
        .isEqualTo("Secret agents/coder-1-provider-env exists and is not managed by the operator");
    assertThat(op.envSecret("coder-1").orElseThrow().getStringData()).containsEntry("MINE", "yes");
  }
}
