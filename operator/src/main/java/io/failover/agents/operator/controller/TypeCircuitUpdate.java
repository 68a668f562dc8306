package io.failover.agents.operator.controller;

import static io.failover.agents.operator.kubernetes.KubernetesJson.SERIALIZATION;

import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.failover.agents.api.AgentType;
import io.failover.agents.core.circuit.Circuit;
import io.failover.agents.core.circuit.CircuitBreaker;
import io.failover.agents.core.circuit.CircuitEvent;
import io.failover.agents.core.circuit.CircuitState;
import io.failover.agents.core.circuit.CircuitTransition;
import io.failover.agents.core.circuit.Circuits;
import io.failover.agents.core.circuit.Member;
import io.failover.agents.core.policy.FailoverPolicy;
import io.failover.agents.operator.status.CircuitStatusMapper;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the AgentType's own reconcile does to its circuits: align them with the chain and scope, let
 * time pass (an open circuit goes half-open when its {@code openUntil} comes), and close them all on
 * {@code agents.failover.io/close-circuits}, attributed to the verified caller of the action API that
 * set it, else to the field manager that did. A canary's
 * standing is judged by the agents' reconciles, which see the agents; here every canary is presumed
 * to serve.
 *
 * @param closeRequested the annotation is there (and is removed once the status is written)
 */
record TypeCircuitUpdate(Circuits circuits, List<CircuitEvent> ticked, List<CircuitEvent> closed, String closedBy,
    boolean closeRequested) {
  private static final Function<String, Optional<Member>> PRESUMED_SERVING =
      name -> Optional.of(new Member(Integer.MAX_VALUE, false));

  /**
   * @param verified the verified caller of the action-API request whose id the annotation carries, if
   *     it is one (as for the Agents' steering annotations)
   */
  static TypeCircuitUpdate of(AgentType type, Optional<FailoverPolicy> policy, Instant now,
      SteeringAnnotations.VerifiedActors verified) {
    Circuits stored = CircuitStatusMapper.read(type.getStatus() == null ? null : type.getStatus().getCircuits());
    if (policy.isEmpty()) {
      // an invalid spec changes nothing the agents cannot act on anyway; the circuits wait for a valid one
      return new TypeCircuitUpdate(stored, List.of(), List.of(), "", false);
    }
    CircuitTransition ticked = CircuitBreaker.tick(CircuitBreaker.align(stored, policy.get()), policy.get(), now,
        PRESUMED_SERVING);
    Map<String, String> annotations = type.getMetadata().getAnnotations();
    boolean requested = annotations != null && annotations.containsKey(AgentType.CLOSE_CIRCUITS_ANNOTATION);
    if (!requested) {
      return new TypeCircuitUpdate(ticked.circuits(), ticked.events(), List.of(), "", false);
    }
    String value = annotations.get(AgentType.CLOSE_CIRCUITS_ANNOTATION);
    String actor = Optional.ofNullable(value).filter(v -> !v.isBlank())
        .flatMap(id -> verified.of(id, AgentType.CLOSE_CIRCUITS_ANNOTATION))
        .or(() -> SteeringAnnotations.manager(type.getMetadata().getManagedFields(), "f:metadata", "f:annotations",
            "f:" + AgentType.CLOSE_CIRCUITS_ANNOTATION))
        .orElse("unknown");
    CircuitTransition closed = CircuitBreaker.closeAll(ticked.circuits(), now, actor);
    return new TypeCircuitUpdate(closed.circuits(), ticked.events(), closed.events(), actor, true);
  }

  /** How long until an open circuit's {@code openUntil} comes, if one is open. */
  Optional<Duration> nextChange(Instant now) {
    return circuits.all().stream().filter(circuit -> circuit.state() == CircuitState.Open)
        .map(Circuit::openUntil).flatMap(Optional::stream).min(Instant::compareTo)
        .map(until -> until.isAfter(now) ? Duration.between(now, until) : Duration.ZERO);
  }

  /** Removes the handled annotation with a JSON Patch {@code remove} (as the Agents' annotations are). */
  static void acknowledge(AgentType type, Context<AgentType> context) {
    String path = "/metadata/annotations/" + AgentType.CLOSE_CIRCUITS_ANNOTATION.replace("~", "~0").replace("/", "~1");
    String patch = SERIALIZATION.asJson(List.of(Map.of("op", "remove", "path", path)));
    context.resourceOperations().resourcePatch(type,
        current -> context.getClient().resources(AgentType.class).inNamespace(current.getMetadata().getNamespace())
            .withName(current.getMetadata().getName())
            .patch(PatchContext.of(PatchType.JSON), patch),
        context.eventSourceRetriever().getControllerEventSource());
  }
}
