package io.failover.agents.operator.controller;

import static io.failover.agents.operator.testing.RunningOperator.NS;
import static io.failover.agents.operator.testing.RunningOperator.THREE_TIERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.failover.agents.api.Agent;
import io.failover.agents.api.AgentStatus;
import io.failover.agents.core.outcome.Report;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What kubectl users see (SPEC section 11, last item): the scale subresource's fields, a Warning
 * Event when an Agent is not Ready, conditions at second precision, and the declarative pause.
 */
class KubectlSurfaceIntegrationTest extends OperatorIntegrationTest {

  @Test
  void statusCarriesThePodsTheDeploymentCountsAndTheirSelector() {
    op.agentType("coder", THREE_TIERS);
    op.agent("coder-1", "coder");
    AgentStatus ready = awaitReady("coder-1");
    assertThat(ready.getSelector()).isEqualTo("agents.failover.io/agent=coder-1");
    assertThat(ready.getReplicas()).as("no pod counted yet").isZero();

    // what the Deployment controller would write once two pods run
    op.client.apps().deployments().inNamespace(NS).withName("coder-1").editStatus(deployment -> {
      deployment.setStatus(new DeploymentStatusBuilder().withReplicas(2).build());
      return deployment;
    });

    awaitStatus("coder-1", s -> Integer.valueOf(2).equals(s.getReplicas()));
  }

  @Test
  void anAgentThatIsNotReadyGetsOneWarningEventNamingWhy() {
    op.agent("coder-1", "missing");

    awaitNotReady("coder-1", "AgentTypeNotFound");

    await().atMost(WITHIN).untilAsserted(() -> assertThat(op.events("coder-1"))
        .filteredOn(event -> "AgentTypeNotFound".equals(event.getReason()))
        .singleElement()
        .satisfies(event -> {
          assertThat(event.getType()).isEqualTo("Warning");
          assertThat(event.getMessage()).contains("AgentType agents/missing not found");
        }));
    op.annotate("coder-1", "touch", "1");
    await().during(java.time.Duration.ofMillis(500)).atMost(WITHIN).untilAsserted(() -> assertThat(op.events("coder-1"))
        .as("a reconcile that finds the same reason records no second Event")
        .filteredOn(event -> "AgentTypeNotFound".equals(event.getReason()))
        .extracting(Event::getCount).containsExactly(1));
  }

  @Test
  void conditionsChangeAtSecondPrecision() {
    op.agentType("coder", THREE_TIERS);
    op.agent("coder-1", "coder");
    AgentStatus status = awaitReady("coder-1");

    assertThat(status.getConditions()).extracting(Condition::getLastTransitionTime)
        .allSatisfy(time -> assertThat(Instant.parse(time).getNano()).isZero());
  }

  @Test
  void specPausedHoldsTheAgentPausedUntilItIsCleared() {
    op.agentType("coder", THREE_TIERS);
    op.agent("coder-1", "coder");
    awaitReady("coder-1");

    setSpecPaused("coder-1", true);

    AgentStatus held = awaitStatus("coder-1", s -> Boolean.TRUE.equals(s.getPaused()));
    assertThat(held.getPausedReason()).isEqualTo("Spec");
    assertThat(conditionOf(held, "Paused").getReason()).isEqualTo("Spec");
    await().atMost(WITHIN).until(() -> op.deployment("coder-1").orElseThrow().getSpec().getReplicas() == 0);

    op.annotate("coder-1", Agent.UNPAUSE_ANNOTATION, "now");
    await().atMost(WITHIN).until(() -> op.get("coder-1").getMetadata().getAnnotations() == null
        || !op.get("coder-1").getMetadata().getAnnotations().containsKey(Agent.UNPAUSE_ANNOTATION));
    assertThat(op.get("coder-1").getStatus().getPaused()).as("unpause does not override spec.paused").isTrue();

    op.report("coder-1", Report.failed(401));
    await().during(java.time.Duration.ofMillis(300)).atMost(WITHIN)
        .until(() -> op.get("coder-1").getStatus().getTier() == 1);

    setSpecPaused("coder-1", false);

    AgentStatus running = awaitStatus("coder-1", s -> Boolean.FALSE.equals(s.getPaused()));
    assertThat(running.getTier()).isEqualTo(1);
    await().atMost(WITHIN).until(() -> op.deployment("coder-1").orElseThrow().getSpec().getReplicas() == 1);
    await().atMost(WITHIN).untilAsserted(() -> assertThat(op.ledger().events(NS, "coder-1", Optional.empty(), 10).items())
        .extracting(event -> event.event()).containsSubsequence("Unpaused", "Paused"));
  }

  private void setSpecPaused(String agent, boolean paused) {
    op.client.resources(Agent.class).inNamespace(NS).withName(agent).edit(current -> {
      current.getSpec().setPaused(paused);
      return current;
    });
  }
}
