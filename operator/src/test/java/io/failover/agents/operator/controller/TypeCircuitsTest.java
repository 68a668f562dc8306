package io.failover.agents.operator.controller;

import static io.failover.agents.operator.testing.RunningOperator.NS;
import static io.failover.agents.operator.testing.RunningOperator.THREE_TIERS;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.failover.agents.api.Agent;
import io.failover.agents.api.AgentSpec;
import io.failover.agents.api.AgentStatus;
import io.failover.agents.api.AgentType;
import io.failover.agents.api.AgentTypeSpec;
import io.failover.agents.core.circuit.Circuit;
import io.failover.agents.core.circuit.CircuitState;
import io.failover.agents.core.circuit.Circuits;
import io.failover.agents.core.outcome.OutcomeKind;
import io.failover.agents.core.outcome.Report;
import io.failover.agents.operator.inputs.AgentInputs;
import io.failover.agents.operator.inputs.PolicyCache;
import io.failover.agents.operator.ledger.Ledger;
import io.failover.agents.operator.metrics.FailoverMetrics;
import io.failover.agents.operator.status.AgentStatusMapper;
import io.failover.agents.operator.testing.MockCluster;
import io.failover.agents.operator.testing.RunningOperator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A move that writes no circuit is decided on the informer's copy of the AgentType, which may lag
 * a circuit another agent just opened: the move is checked against the type's current version, so
 * no agent steps onto an open tier (SPEC section 10).
 */
class TypeCircuitsTest {
  @TempDir Path dir;

  @Test
  void aMoveDecidedOnALaggingCopyIsCheckedAgainstTheCurrentCircuits() {
    Instant now = Instant.now();
    try (MockCluster cluster = MockCluster.start();
        Ledger ledger = Ledger.open(dir.resolve("ledger.db"), Ledger.DEFAULT_RETENTION, Clock.systemUTC())) {
      AgentType type = new AgentType();
      type.setMetadata(new ObjectMetaBuilder().withName("coder").withNamespace(NS).build());
      type.setSpec(Serialization.unmarshal(THREE_TIERS + "failover: {scope: Type, cooldownSeconds: 60}\n", AgentTypeSpec.class));
      type = cluster.client.resource(type).create();
      // what the informer still holds: tier 1 open; meanwhile another agent opened tier 2
      AgentType lagging = cluster.client.resource(TypeCircuits.withCircuits(type, circuits(now, 1))).updateStatus();
      cluster.client.resource(TypeCircuits.withCircuits(lagging, circuits(now, 1, 2))).updateStatus();

      Agent agent = new Agent();
      agent.setMetadata(new ObjectMetaBuilder().withName("coder-2").withNamespace(NS).withUid("uid-2").withGeneration(1L).build());
      agent.setSpec(new AgentSpec());
      agent.getSpec().setType("coder");
      agent.setStatus(new AgentStatus());
      agent.getStatus().setTier(1);
      RunningOperator.appendOutcome(ledger, agent, Report.failed(402).onTier(1));
      AgentInputs inputs = AgentInputs.read(agent, Optional.of(lagging), new PolicyCache()).inputs().orElseThrow();

      FailoverProgress.Result result = new TypeCircuits(new FailoverProgress(ledger), null, new FailoverMetrics())
          .advance(inputs, AgentStatusMapper.read(agent.getStatus()), now, lagging, cluster.client, name -> Optional.empty());

      assertThat(result.state().tier()).as("tier 2's circuit is open on the API server: the agent skips it").isEqualTo(3);
    }
  }

  private static Circuits circuits(Instant now, Integer... open) {
    List<String> providers = List.of("anthropic", "deepseek", "ollama");
    List<Integer> opened = List.of(open);
    return new Circuits(java.util.stream.IntStream.rangeClosed(1, 3).mapToObj(tier -> opened.contains(tier)
        ? new Circuit(tier, providers.get(tier - 1), CircuitState.Open, Optional.of(now.plusSeconds(60)), 1,
            Optional.empty(), Optional.of(OutcomeKind.QUOTA), Optional.of(now), Optional.of("coder-1"), Optional.empty())
        : Circuit.closed(tier, providers.get(tier - 1))).toList());
  }
}
