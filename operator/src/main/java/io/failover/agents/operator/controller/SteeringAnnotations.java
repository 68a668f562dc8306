package io.failover.agents.operator.controller;

import static io.failover.agents.operator.kubernetes.KubernetesJson.SERIALIZATION;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.failover.agents.api.Agent;
import io.failover.agents.core.failover.ManualAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one-shot steering annotations of SPEC section 3. Several at once are applied in a fixed
 * order: reset-tier, unpause, pause (so a pause given together with anything else wins).
 *
 * <p>Who asked (SPEC section 11) is never taken from anything a user writes: an annotation the
 * operator's action API set carries the id of a request whose caller the operator verified, and is
 * attributed to that caller; any other is attributed to the field manager that set it.
 */
public final class SteeringAnnotations {
  private static final Map<String, ManualAction> ORDERED = orderedActions();

  private SteeringAnnotations() {}

  private static Map<String, ManualAction> orderedActions() {
    Map<String, ManualAction> actions = new LinkedHashMap<>();
    actions.put(Agent.RESET_TIER_ANNOTATION, ManualAction.RESET_TIER);
    actions.put(Agent.UNPAUSE_ANNOTATION, ManualAction.UNPAUSE);
    actions.put(Agent.PAUSE_ANNOTATION, ManualAction.PAUSE);
    return actions;
  }

  public record Request(String annotation, ManualAction action, String actor) {}

  /** The verified caller of the action-API request whose id an annotation carries, if it is one. */
  @FunctionalInterface
  interface VerifiedActors {
    Optional<String> of(String requestId, String annotation);
  }

  static List<Request> pending(Agent agent, VerifiedActors verified) {
    Map<String, String> annotations = agent.getMetadata().getAnnotations();
    List<Request> requests = new ArrayList<>();
    if (annotations == null) {
      return requests;
    }
    ORDERED.forEach((annotation, action) -> {
      if (annotations.containsKey(annotation)) {
        requests.add(new Request(annotation, action, actor(agent, annotation, verified)));
      }
    });
    return requests;
  }

  /** The annotations to remove once the requests are handled (the actor annotation goes with them). */
  static List<String> toRemove(Agent agent, List<Request> handled) {
    List<String> keys = new ArrayList<>(handled.stream().map(Request::annotation).toList());
    Map<String, String> annotations = agent.getMetadata().getAnnotations();
    if (!keys.isEmpty() && annotations != null && annotations.containsKey(Agent.ACTOR_ANNOTATION)) {
      keys.add(Agent.ACTOR_ANNOTATION);
    }
    return keys;
  }

  /** The verified caller behind the annotation's value, else the field manager that set it (e.g. kubectl-annotate). */
  private static String actor(Agent agent, String annotation, VerifiedActors verified) {
    String value = agent.getMetadata().getAnnotations().get(annotation);
    return Optional.ofNullable(value).filter(v -> !v.isBlank()).flatMap(id -> verified.of(id, annotation))
        .or(() -> manager(agent.getMetadata().getManagedFields(), "f:metadata", "f:annotations", "f:" + annotation))
        .orElse("unknown");
  }

  /** Who set the Agent's spec.paused (its field manager), for the ledger; unknown once the field is gone. */
  static String specPausedActor(Agent agent) {
    return manager(agent.getMetadata().getManagedFields(), "f:spec", "f:paused").orElse("unknown");
  }

  static Optional<String> manager(List<ManagedFieldsEntry> entries, String... path) {
    if (entries == null) {
      return Optional.empty();
    }
    for (ManagedFieldsEntry entry : entries) {
      if (entry.getFieldsV1() == null) {
        continue;
      }
      JsonNode fields = SERIALIZATION.convertValue(entry.getFieldsV1(), JsonNode.class);
      for (int i = 0; i < path.length - 1; i++) {
        fields = fields.path(path[i]);
      }
      if (fields.has(path[path.length - 1])) {
        return Optional.ofNullable(entry.getManager());
      }
    }
    return Optional.empty();
  }
}
