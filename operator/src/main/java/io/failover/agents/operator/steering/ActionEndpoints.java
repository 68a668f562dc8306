package io.failover.agents.operator.steering;

import static io.failover.agents.operator.kubernetes.KubernetesJson.SERIALIZATION;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.failover.agents.access.User;
import io.failover.agents.api.Agent;
import io.failover.agents.api.AgentType;
import io.failover.agents.operator.cluster.ClusterReads;
import io.failover.agents.operator.http.ApiResponse;
import io.failover.agents.operator.http.KubernetesCallers;
import io.failover.agents.operator.kubernetes.FieldManager;
import io.failover.agents.operator.ledger.Ledger;
import io.failover.agents.operator.ledger.LedgerUnavailableException;
import io.failover.agents.operator.ledger.SteeringRequest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * {@code POST /api/v1/namespaces/{ns}/agents/{name}/reset-tier|pause|unpause} on the operator: the
 * steering annotations of SPEC section 3, set for a caller whose Kubernetes token the operator
 * verified and who may patch that Agent. The request is first made durable in the ledger under a
 * random id, and the annotation carries that id: the reconcile then records the verified caller as
 * the actor. An annotation set any other way (kubectl, a script) is attributed to the field manager
 * that set it; nothing a user can write is taken at its word (SPEC section 11). The dashboard's
 * actions come through here with its user's token.
 */
public final class ActionEndpoints {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final KubernetesCallers callers;
  private final ClusterReads cluster;
  private final Ledger ledger;
  private final KubernetesClient client;
  private final Clock clock;

  public ActionEndpoints(KubernetesCallers callers, ClusterReads cluster, Ledger ledger, KubernetesClient client,
      Clock clock) {
    this.callers = callers;
    this.cluster = cluster;
    this.ledger = ledger;
    this.client = client;
    this.clock = clock;
  }

  public KubernetesCallers callers() {
    return callers;
  }

  public ApiResponse act(String namespace, String name, String annotation, java.util.Optional<String> authorization) {
    KubernetesCallers.Checked checked = callers.require(authorization, "patch", "agents", namespace, name);
    if (checked.refusal().isPresent()) {
      return checked.refusal().get();
    }
    java.util.Optional<Agent> agent = cluster.agent(namespace, name);
    if (agent.isEmpty()) {
      return ApiResponse.error(404, "agent " + namespace + "/" + name + " not found");
    }
    if (annotation.equals(Agent.UNPAUSE_ANNOTATION) && agent.get().getSpec() != null
        && Boolean.TRUE.equals(agent.get().getSpec().getPaused())) {
      return ApiResponse.error(409, "agent " + namespace + "/" + name
          + " is held paused by spec.paused: set spec.paused to false (or remove it) to unpause it");
    }
    return annotate(Agent.class, "agent", namespace, name, annotation, checked.user().orElseThrow());
  }

  /**
   * {@code POST /api/v1/namespaces/{ns}/agenttypes/{name}/close-circuits} (SPEC section 10): the
   * close-circuits annotation, set for a verified caller who may patch the AgentType, and attributed to
   * them the same way (the ledger's steering request is keyed by the type's name).
   */
  public ApiResponse closeCircuits(String namespace, String name, java.util.Optional<String> authorization) {
    KubernetesCallers.Checked checked = callers.require(authorization, "patch", "agenttypes", namespace, name);
    if (checked.refusal().isPresent()) {
      return checked.refusal().get();
    }
    if (cluster.agentType(namespace, name).isEmpty()) {
      return ApiResponse.error(404, "agenttype " + namespace + "/" + name + " not found");
    }
    return annotate(AgentType.class, "agenttype", namespace, name, AgentType.CLOSE_CIRCUITS_ANNOTATION,
        checked.user().orElseThrow());
  }

  /**
   * Makes the request durable under a random id, then sets the annotation to that id, so the
   * reconcile attributes it to the verified caller.
   */
  private ApiResponse annotate(Class<? extends HasMetadata> kind, String what, String namespace, String name,
      String annotation, User actor) {
    String id = "request-" + randomId();
    try {
      ledger.recordSteering(new SteeringRequest(id, clock.instant(), namespace, name, annotation, actor.name())).join();
    } catch (CompletionException | LedgerUnavailableException unavailable) {
      return ApiResponse.error(503, "the ledger cannot record the request right now; try again shortly");
    }
    try {
      client.resources(kind).inNamespace(namespace).withName(name).patch(
          new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE).withFieldManager(FieldManager.NAME).build(),
          SERIALIZATION.asJson(Map.of("metadata", Map.of("annotations", Map.of(annotation, id)))));
    } catch (KubernetesClientException refused) {
      int code = refused.getCode() == 404 ? 404 : 502;
      return ApiResponse.error(code, code == 404 ? what + " " + namespace + "/" + name + " not found"
          : "the Kubernetes API refused the annotation: " + refused.getCode());
    }
    return new ApiResponse(202, Map.of("annotation", annotation));
  }

  private static String randomId() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
