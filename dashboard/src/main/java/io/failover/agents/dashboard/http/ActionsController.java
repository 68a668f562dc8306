package io.failover.agents.dashboard.http;

import io.failover.agents.dashboard.auth.ApiException;
import io.failover.agents.dashboard.auth.Caller;
import io.failover.agents.dashboard.auth.Gate;
import io.failover.agents.dashboard.cluster.ClusterWatch;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Reset, pause and resume, done as the signed-in user: passed on to the operator's action API with
 * the user's own Kubernetes token, so that the operator verifies who asks, checks that they may patch
 * the Agent, and records them as the actor (SPEC section 11). The dashboard itself never writes the
 * annotation, and needs no right to patch Agents.
 */
@Controller("/api/v1/namespaces/{namespace}/agents/{name}")
@Requires(property = Role.PROPERTY, value = Role.DASHBOARD)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ActionsController {
  private final Gate gate;
  private final ClusterWatch cluster;
  private final OperatorClient operator;

  ActionsController(Gate gate, ClusterWatch cluster, OperatorClient operator) {
    this.gate = gate;
    this.cluster = cluster;
    this.operator = operator;
  }

  @Post("/reset-tier")
  MutableHttpResponse<String> resetTier(HttpRequest<?> request, String namespace, String name) {
    return act(request, namespace, name, "reset-tier");
  }

  @Post("/pause")
  MutableHttpResponse<String> pause(HttpRequest<?> request, String namespace, String name) {
    return act(request, namespace, name, "pause");
  }

  @Post("/unpause")
  MutableHttpResponse<String> unpause(HttpRequest<?> request, String namespace, String name) {
    return act(request, namespace, name, "unpause");
  }

  private MutableHttpResponse<String> act(HttpRequest<?> request, String namespace, String name, String action) {
    // permission before existence: a user without rights learns nothing about which agents exist
    Caller caller = gate.require(request, "patch", "agents", namespace, name);
    if (cluster.agent(namespace, name).isEmpty()) {
      throw new ApiException(404, "agent " + namespace + "/" + name + " not found");
    }
    return OperatorClient.passOn(operator.post("/api/v1/namespaces/" + encode(namespace) + "/agents/" + encode(name)
        + "/" + action, caller));
  }

  /** Closes every circuit of a Type-scoped AgentType (SPEC section 10), as the signed-in user. */
  @Controller("/api/v1/namespaces/{namespace}/agenttypes/{name}")
  @Requires(property = Role.PROPERTY, value = Role.DASHBOARD)
  @ExecuteOn(TaskExecutors.BLOCKING)
  static final class CircuitActions {
    private final Gate gate;
    private final ClusterWatch cluster;
    private final OperatorClient operator;

    CircuitActions(Gate gate, ClusterWatch cluster, OperatorClient operator) {
      this.gate = gate;
      this.cluster = cluster;
      this.operator = operator;
    }

    @Post("/close-circuits")
    MutableHttpResponse<String> closeCircuits(HttpRequest<?> request, String namespace, String name) {
      Caller caller = gate.require(request, "patch", "agenttypes", namespace, name);
      if (cluster.agentType(namespace, name).isEmpty()) {
        throw new ApiException(404, "agenttype " + namespace + "/" + name + " not found");
      }
      return OperatorClient.passOn(operator.post("/api/v1/namespaces/" + encode(namespace) + "/agenttypes/"
          + encode(name) + "/close-circuits", caller));
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
