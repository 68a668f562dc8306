package io.failover.agents.operator.controller;

import static io.failover.agents.operator.testing.RunningOperator.NS;
import static io.failover.agents.operator.testing.RunningOperator.THREE_TIERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.failover.agents.core.outcome.Report;
import io.failover.agents.operator.testing.RunningOperator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC section 11: an operator whose watches cannot recover reports liveness failure, so that
 * Kubernetes restarts it, instead of staying alive and unready forever; an API server that goes
 * away and comes back costs nothing that was acknowledged.
 */
class WatchLivenessIntegrationTest {
  private static final Duration WITHIN = Duration.ofSeconds(10);

  @TempDir Path dir;

  @Test
  void aWatchThatStopsForGoodFailsLiveness() {
    try (RunningOperator op = RunningOperator.start(dir)) {
      assertThat(op.operator().live()).isTrue();

      // an Agent the operator cannot read (a real server's schema would refuse it; version skew would not)
      GenericKubernetesResource unreadable = new GenericKubernetesResourceBuilder()
          .withApiVersion("agents.failover.io/v1alpha1").withKind("Agent")
          .withNewMetadata().withName("unreadable").withNamespace(NS).endMetadata()
          .withAdditionalProperties(Map.of("spec", Map.of("type", "coder", "replicas", "many")))
          .build();
      op.client.genericKubernetesResources("agents.failover.io/v1alpha1", "Agent").inNamespace(NS)
          .resource(unreadable).create();

      await().atMost(WITHIN).until(() -> !op.operator().live());
    }
  }

  @Test
  void anApiServerOutageLosesNothingAcknowledgedAndTheOperatorCatchesUp() throws Exception {
    try (RunningOperator op = RunningOperator.with().behindProxy().start(dir)) {
      op.providerKeys();
      op.agentType("coder", THREE_TIERS);
      op.agent("coder-1", "coder");
      await().atMost(WITHIN).until(() -> "1".equals(op.env("coder-1").get("AGENT_TIER")));

      op.apiProxy.cut();
      op.report("coder-1", Report.failed(401));
      assertThat(op.operator().live()).isTrue();
      op.apiProxy.restore();

      await().atMost(Duration.ofSeconds(60)).until(() -> op.get("coder-1").getStatus().getTier() == 2
          && "2".equals(op.env("coder-1").get("AGENT_TIER")));
      assertThat(op.operator().live()).isTrue();
    }
  }
}
