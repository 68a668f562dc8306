package io.failover.agents.operator.controller;

import static io.failover.agents.operator.testing.RunningOperator.NS;
import static io.failover.agents.operator.testing.RunningOperator.THREE_TIERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.failover.agents.api.Agent;
import io.failover.agents.core.outcome.Report;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Edits and deletions are undone, unchanged state writes nothing, conflicts are retried, restarts roll nothing. */
class ResilienceIntegrationTest extends OperatorIntegrationTest {

  @Test
  void anEditedEnvSecretIsRestored() {
    op.agentType("coder", THREE_TIERS);
    op.agent("coder-1", "coder");
    awaitReady("coder-1");
    Map<String, String> rendered = op.env("coder-1");

    op.client.secrets().inNamespace(NS).withName("coder-1-provider-env").edit(secret -> {
      secret.getData().put("AGENT_MODEL", "c29tZXRoaW5nLWVsc2U=");
      secret.getData().put("EXTRA", "eA==");
      return secret;
    });

    await().atMost(WITHIN).until(() -> op.env("coder-1").equals(rendered));
  }

  @Test
  void aDeletedEnvSecretAndDeploymentAreRecreated() {
    op.agentType("coder", THREE_TIERS);
    op.agent("coder-1", "coder");
    awaitReady("coder-1");

    op.client.secrets().inNamespace(NS).withName("coder-1-provider-env").delete();
    op.client.apps().deployments().inNamespace(NS).withName("coder-1").delete();

    await().atMost(WITHIN).until(() -> op.envSecret("coder-1").isPresent() && op.deployment("coder-1").isPresent());
    assertThat(op.env("coder-1")).containsEntry("AGENT_TIER", "1").containsKey("FAILOVER_REPORT_TOKEN");
  }

  @Test
  void anEditedDeploymentIsRestored() {
    op.agentType("coder", THREE_TIERS);
    op.agent("coder-1", "coder");
    awaitReady("coder-1");

    op.client.apps().deployments().inNamespace(NS).withName("coder-1").edit(deployment -> {
      deployment.getSpec().setReplicas(5);
      deployment.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("evil:latest");
      deployment.getMetadata().getAnnotations().put("someone.else/keeps", "this");
      return deployment;
    });

    await().atMost(WITHIN).until(() -> {
      var deployment = op.deployment("coder-1").orElseThrow();
      return deployment.getSpec().getReplicas() == 1
          && deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage().equals("example.com/claude-code-agent:1");
    });
    assertThat(op.deployment("coder-1").orElseThrow().getMetadata().getAnnotations())
        .containsEntry("someone.else/keeps", "this");
  }

  @Test
  void aReconcileThatChangesNothingWritesNothing() {
    op.agentType("coder", THREE_TIERS);
    op.agent("coder-1", "coder");
    awaitReady("coder-1");
    await().pollDelay(Duration.ofMillis(500)).until(() -> true);
    op.cluster.resetRequests();

    op.annotate("coder-1", "example.com/unrelated", "touch");
    await().pollDelay(Duration.ofSeconds(2)).until(() -> true);

    assertThat(op.cluster.writesSinceReset())
        .as("only the test's own annotation edit")
        .singleElement().asString().startsWith("PATCH /apis/agents.failover.io/v1alpha1/namespaces/agents/agents/coder-1");
  }

  @Test
  void aRestartedOperatorRewritesNoEnvSecretAndRollsNoPod() {
    op.agentType("coder", THREE_TIERS);
    op.agent("coder-1", "coder");
    awaitReady("coder-1");
    op.report("coder-1", Report.failed(401));
    awaitStatus("coder-1", s -> s.getTier() == 2);
    await().atMost(WITHIN).until(() -> "2".equals(op.env("coder-1").get("AGENT_TIER")));
    String secretVersion = op.envSecret("coder-1").orElseThrow().getMetadata().getResourceVersion();
    String deploymentVersion = op.deployment("coder-1").orElseThrow().getMetadata().getResourceVersion();
    op.stopRole();
    op.cluster.resetRequests();

    op.startRole();
    await().pollDelay(Duration.ofSeconds(2)).until(() -> true);

    assertThat(op.cluster.writesSinceReset()).isEmpty();
    assertThat(op.envSecret("coder-1").orElseThrow().getMetadata().getResourceVersion()).isEqualTo(secretVersion);
    assertThat(op.deployment("coder-1").orElseThrow().getMetadata().getResourceVersion()).isEqualTo(deploymentVersion);
  }

  @Test
  void aConflictIsRetriedFromFreshStateAndNothingIsAppliedTwice() {
    op.agentType("coder", THREE_TIERS);
    op.agent("coder-1", "coder");
    awaitReady("coder-1");
    op.cluster.server.expect().put().withPath("/apis/apps/v1/namespaces/agents/deployments/coder-1")
        .andReturn(409, new StatusBuilder().withCode(409).withReason("Conflict")
            .withMessage("the object has been modified; please apply your changes to the latest version").build())
        .once();

    op.report("coder-1", Report.failed(401));

    awaitStatus("coder-1", s -> s.getTier() == 2);
    await().atMost(WITHIN).until(() -> "deepseek".equals(op.env("coder-1").get("AGENT_PROVIDER")));
    await().atMost(WITHIN).until(() -> op.deployment("coder-1").orElseThrow().getSpec().getTemplate().getMetadata()
        .getAnnotations().get("agents.failover.io/env-hash")
        .equals(io.failover.agents.operator.owned.EnvSecretRenderer.dataHash(op.envSecret("coder-1").orElseThrow().getData())));
    await().atMost(WITHIN).untilAsserted(() -> assertThat(op.ledger().events(NS, "coder-1", Optional.empty(), 10).items())
        .extracting(event -> event.event() + " " + event.fromTier() + "->" + event.toTier())
        .containsExactly("TierChanged 1->2"));
  }

  @Test
  void aReCreatedAgentDoesNotInheritTheOldAgentsOutcomes() {
    op.agentType("coder", THREE_TIERS);
    op.agent("coder-1", "coder");
    awaitReady("coder-1");
    long oldSeq = op.ledger().append(new io.failover.agents.operator.ledger.NewOutcome(java.time.Instant.now(), NS, "coder-1",
        "some-older-uid", "coder", Report.failed(401), io.failover.agents.core.outcome.OutcomeKind.AUTH, "anthropic"))
        .join().seq();
    op.report("coder-1", Report.succeeded());

    awaitStatus("coder-1", s -> s.getLastOutcomeSeq() > oldSeq);

    assertThat(op.get("coder-1").getStatus().getTier()).isEqualTo(1);
    List<Agent> agents = op.client.resources(Agent.class).inNamespace(NS).list().getItems();
    assertThat(agents).hasSize(1);
  }
}
