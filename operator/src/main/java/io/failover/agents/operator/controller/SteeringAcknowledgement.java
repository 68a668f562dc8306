package io.failover.agents.operator.controller;

import static io.failover.agents.operator.kubernetes.KubernetesJson.SERIALIZATION;

import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.failover.agents.api.Agent;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.List;
import java.util.Map;

/**
 * Removes handled one-shot annotations with JSON Patch {@code remove} operations, through JOSDK's
 * cache so that the next reconcile cannot see, and apply, them again. (A merge patch with nulls
 * would do on a real API server, but the mock stores the nulls; JSON Patch means the same on both.)
 * If someone removed an annotation meanwhile the patch fails and the reconcile is retried.
 */
public final class SteeringAcknowledgement {
  private SteeringAcknowledgement() {}

  static void remove(Agent agent, List<String> annotations, Context<Agent> context) {
    if (annotations.isEmpty()) {
      return;
    }
    List<Map<String, String>> operations = annotations.stream()
        .map(key -> Map.of("op", "remove", "path", "/metadata/annotations/" + key.replace("~", "~0").replace("/", "~1")))
        .toList();
    String patch = SERIALIZATION.asJson(operations);
    context.resourceOperations().resourcePatch(agent,
        current -> context.getClient().resources(Agent.class).inNamespace(current.getMetadata().getNamespace())
            .withName(current.getMetadata().getName())
            .patch(PatchContext.of(PatchType.JSON), patch),
        context.eventSourceRetriever().getControllerEventSource());
  }
}
