package io.failover.agents.dashboard.http;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.failover.agents.dashboard.auth.ApiException;
import io.failover.agents.dashboard.auth.Gate;
import io.failover.agents.dashboard.cluster.ClusterWatch;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One agent for its own view: its item with conditions, counters and switch mode, and the Kubernetes
 * Events about it (read by the dashboard, for users who may list events in that namespace).
 */
@Controller("/api/v1/namespaces/{namespace}/agents/{name}")
@Requires(property = Role.PROPERTY, value = Role.DASHBOARD)
@ExecuteOn(TaskExecutors.BLOCKING)
final class AgentDetailController {
  static final int MAX_EVENTS = 100;

  private final Gate gate;
  private final ClusterWatch cluster;
  private final KubernetesClient client;

  AgentDetailController(Gate gate, ClusterWatch cluster, KubernetesClient client) {
    this.gate = gate;
    this.cluster = cluster;
    this.client = client;
  }

  @Get
  MutableHttpResponse<String> agent(HttpRequest<?> request, String namespace, String name) {
    gate.require(request, "get", "agents", namespace, name);
    String json = cluster.agentDetailJson(namespace, name)
        .orElseThrow(() -> new ApiException(404, "agent " + namespace + "/" + name + " not found"));
    return HttpResponse.ok(json).contentType(MediaType.APPLICATION_JSON_TYPE);
  }

  @Get("/events")
  Map<String, Object> events(HttpRequest<?> request, String namespace, String name) {
    gate.require(request, "get", "agents", namespace, name);
    gate.requireCore(request, "list", "events", namespace);
    if (cluster.agent(namespace, name).isEmpty()) {
      throw new ApiException(404, "agent " + namespace + "/" + name + " not found");
    }
    // Listed for the namespace and picked here: the fabric8 mock the tests run on does not serve field
    // selectors on involvedObject; Events expire after an hour, so a namespace holds a bounded number.
    List<Map<String, Object>> items = client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(event -> event.getInvolvedObject() != null && name.equals(event.getInvolvedObject().getName())
            && "Agent".equals(event.getInvolvedObject().getKind()))
        .sorted(Comparator.comparing(AgentDetailController::time, Comparator.nullsLast(Comparator.reverseOrder())))
        .limit(MAX_EVENTS)
        .map(AgentDetailController::item)
        .toList();
    return Map.of("items", items);
  }

  private static String time(Event event) {
    if (event.getLastTimestamp() != null) {
      return event.getLastTimestamp();
    }
    if (event.getEventTime() != null && event.getEventTime().getTime() != null) {
      return event.getEventTime().getTime();
    }
    return event.getMetadata().getCreationTimestamp();
  }

  private static Map<String, Object> item(Event event) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("time", time(event));
    item.put("type", event.getType());
    item.put("reason", event.getReason());
    item.put("message", event.getMessage());
    item.put("count", event.getCount());
    return item;
  }
}
