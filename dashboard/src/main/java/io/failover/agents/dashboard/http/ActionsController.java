package io.failover.agents.dashboard.http;

import io.failover.agents.api.Agent;
import io.failover.agents.dashboard.auth.ApiException;
import io.failover.agents.dashboard.auth.Caller;
import io.failover.agents.dashboard.auth.Gate;
import io.failover.agents.dashboard.cluster.ClusterWatch;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Map;

/**
 * Reset, pause and resume: the dashboard sets the same one-shot annotation `kubectl annotate` would,
 * with the signed-in user as the actor the operator records, once a SubjectAccessReview says the
 * user may patch that Agent.
 */
@Controller("/api/v1/namespaces/{namespace}/agents/{name}")
@Requires(property = Role.PROPERTY, value = Role.DASHBOARD)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ActionsController {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final Gate gate;
  private final ClusterWatch cluster;
  private final KubernetesClient client;

  ActionsController(Gate gate, ClusterWatch cluster, KubernetesClient client) {
    this.gate = gate;
    this.cluster = cluster;
    this.client = client;
  }

  @Post("/reset-tier")
  MutableHttpResponse<?> resetTier(HttpRequest<?> request, String namespace, String name) {
    return annotate(request, namespace, name, Agent.RESET_TIER_ANNOTATION);
  }

  @Post("/pause")
  MutableHttpResponse<?> pause(HttpRequest<?> request, String namespace, String name) {
    return annotate(request, namespace, name, Agent.PAUSE_ANNOTATION);
  }

  @Post("/unpause")
  MutableHttpResponse<?> unpause(HttpRequest<?> request, String namespace, String name) {
    return annotate(request, namespace, name, Agent.UNPAUSE_ANNOTATION);
  }

  private MutableHttpResponse<?> annotate(HttpRequest<?> request, String namespace, String name, String annotation) {
    Caller caller = gate.caller(request);
    // permission before existence: a user without rights learns nothing about which agents exist
    if (!gate.allowed(caller, "patch", "agents", namespace, name)) {
      throw new ApiException(403, caller.user() + " may not patch agents in namespace " + namespace);
    }
    if (cluster.agent(namespace, name).isEmpty()) {
      throw new ApiException(404, "agent " + namespace + "/" + name + " not found");
    }
    String patch = SERIALIZATION.asJson(Map.of("metadata", Map.of("annotations",
        Map.of(annotation, "now", Agent.ACTOR_ANNOTATION, caller.user()))));
    client.resources(Agent.class).inNamespace(namespace).withName(name)
        .patch(new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE).withFieldManager(FieldManager.NAME).build(),
            patch);
    return HttpResponse.status(HttpStatus.ACCEPTED).body(Map.of("annotation", annotation));
  }
}
