package io.failover.agents.operator.controller;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.failover.agents.api.Agent;
import io.failover.agents.api.AgentType;
import io.failover.agents.api.AgentTypeStatus;
import io.failover.agents.core.circuit.CircuitBreaker;
import io.failover.agents.core.circuit.Circuits;
import io.failover.agents.core.circuit.Member;
import io.failover.agents.core.failover.FailoverState;
import io.failover.agents.operator.history.AttributedChange;
import io.failover.agents.operator.history.CircuitHistory;
import io.failover.agents.operator.inputs.AgentInputs;
import io.failover.agents.operator.metrics.FailoverMetrics;
import io.failover.agents.operator.status.AgentStatusMapper;
import io.failover.agents.operator.status.CircuitStatusMapper;
import java.net.HttpURLConnection;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * An agent's progress in Type scope (SPEC section 10), with the circuits committed first: the
 * AgentType status is written with its resourceVersion (optimistic concurrency, never a blind
 * overwrite); on a conflict the fresh AgentType is read and the pure progress runs again on it, so a
 * second agent reporting the same failure finds the circuit already open and adds no trip.
 */
final class TypeCircuits {
  static final int ATTEMPTS = 20;

  private final FailoverProgress progress;
  private final CircuitHistory history;
  private final FailoverMetrics metrics;

  TypeCircuits(FailoverProgress progress, CircuitHistory history, FailoverMetrics metrics) {
    this.progress = progress;
    this.history = history;
    this.metrics = metrics;
  }

  FailoverProgress.Result advance(AgentInputs inputs, FailoverState state, Instant now, AgentType cached,
      KubernetesClient client, Function<String, Optional<Agent>> fleet) {
    AgentType type = cached;
    boolean live = false;
    Function<String, Optional<Member>> members = name -> fleet.apply(name).map(TypeCircuits::member);
    for (int attempt = 1; ; attempt++) {
      Circuits stored = CircuitStatusMapper.read(type.getStatus() == null ? null : type.getStatus().getCircuits());
      FailoverProgress.Shared shared = progress.advanceShared(inputs, state, now, stored, members);
      if (shared.circuits().equals(stored) || freshlyClosed(stored, shared.circuits(), inputs)) {
        boolean moves = shared.result().state().tier() != state.tier();
        if (!moves || live) {
          return shared.result();
        }
        // a move that writes no circuit was decided on the informer's copy, which may lag a circuit
        // another agent just opened: check the type's current version before stepping onto a tier
        AgentType current = read(client, type);
        live = true;
        if (current == null || current.getMetadata().getResourceVersion().equals(type.getMetadata().getResourceVersion())) {
          return shared.result();
        }
        type = current;
        continue;
      }
      try {
        AgentType written = client.resource(withCircuits(type, shared.circuits())).updateStatus();
        history.record(written, shared.circuitEvents(), AttributedChange.OPERATOR, now);
        metrics.circuits(type.getMetadata().getNamespace(), type.getMetadata().getName(), shared.circuits());
        return shared.result();
      } catch (KubernetesClientException conflict) {
        if (conflict.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt >= ATTEMPTS) {
          throw conflict;
        }
        type = read(client, type);
        live = true;
        if (type == null) {
          throw conflict;
        }
      }
    }
  }

  private static AgentType read(KubernetesClient client, AgentType type) {
    return client.resources(AgentType.class).inNamespace(type.getMetadata().getNamespace())
        .withName(type.getMetadata().getName()).get();
  }

  /**
   * Circuits the status does not hold yet, all closed and untouched: the AgentType's own reconcile
   * writes those, so a fleet switched to Type scope does not race a thousand identical writes.
   */
  private static boolean freshlyClosed(Circuits stored, Circuits advanced, AgentInputs inputs) {
    return stored.all().isEmpty() && advanced.equals(CircuitBreaker.align(Circuits.NONE, inputs.policy()));
  }

  /** The AgentType with its status's circuits (and the OPEN column) replaced, at the version it was read. */
  static AgentType withCircuits(AgentType type, Circuits circuits) {
    AgentType update = new AgentType();
    update.setMetadata(type.getMetadata());
    update.setSpec(type.getSpec());
    AgentTypeStatus status = type.getStatus() == null ? new AgentTypeStatus()
        : io.failover.agents.operator.kubernetes.KubernetesJson.SERIALIZATION.clone(type.getStatus());
    status.setCircuits(CircuitStatusMapper.write(circuits));
    String open = circuits.openTiers();
    status.setOpenTiers(open.isEmpty() ? null : open);
    update.setStatus(status);
    return update;
  }

  private static Member member(Agent agent) {
    FailoverState state = AgentStatusMapper.read(agent.getStatus());
    return new Member(state.tier(), state.paused());
  }
}
