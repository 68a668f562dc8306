package io.failover.agents.dashboard.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.failover.agents.api.Agent;
import io.failover.agents.api.AgentType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON items of docs/dashboard-api.md, rendered once per object version (and, for an agent, per
 * version of its type) and then served from memory: 2,000 agents cost a concatenation, not 2,000
 * serialisations. AgentTypes arrive as generic resources and are read into the api model once per
 * version too.
 */
final class ItemRenderer {
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Rendered(String resourceVersion, String typeVersion, String json) {}

  private record Typed(String resourceVersion, AgentType type) {}

  private final KubernetesSerialization serialization;
  private final Map<String, Rendered> agents = new ConcurrentHashMap<>();
  private final Map<String, Rendered> types = new ConcurrentHashMap<>();
  private final Map<String, Typed> typed = new ConcurrentHashMap<>();

  ItemRenderer(KubernetesSerialization serialization) {
    this.serialization = serialization;
  }

  String agent(Agent agent, Optional<GenericKubernetesResource> type) {
    String typeVersion = type.map(t -> t.getMetadata().getResourceVersion()).orElse("");
    String key = key(agent);
    Rendered cached = agents.get(key);
    if (cached != null && cached.resourceVersion().equals(agent.getMetadata().getResourceVersion())
        && cached.typeVersion().equals(typeVersion)) {
      return cached.json();
    }
    String json = write(ItemViews.agent(agent, type.map(this::typed)));
    agents.put(key, new Rendered(agent.getMetadata().getResourceVersion(), typeVersion, json));
    return json;
  }

  String type(GenericKubernetesResource generic) {
    String key = key(generic);
    Rendered cached = types.get(key);
    if (cached != null && cached.resourceVersion().equals(generic.getMetadata().getResourceVersion())) {
      return cached.json();
    }
    String json = write(ItemViews.agentType(typed(generic), switchMode(generic)));
    types.put(key, new Rendered(generic.getMetadata().getResourceVersion(), "", json));
    return json;
  }

  AgentType typed(GenericKubernetesResource generic) {
    String key = key(generic);
    Typed known = typed.get(key);
    if (known != null && known.resourceVersion().equals(generic.getMetadata().getResourceVersion())) {
      return known.type();
    }
    AgentType type = serialization.convertValue(generic, AgentType.class);
    typed.put(key, new Typed(generic.getMetadata().getResourceVersion(), type));
    return type;
  }

  /** The AgentType's spec.switchMode as written, "Restart" when it is absent. */
  static String switchMode(GenericKubernetesResource type) {
    Object spec = type.getAdditionalProperties().get("spec");
    Object mode = spec instanceof Map<?, ?> map ? map.get("switchMode") : null;
    return mode instanceof String text && !text.isBlank() ? text : "Restart";
  }

  /** An agent's own view: its item, its conditions and counters, and its type's switch mode. */
  String agentDetail(Agent agent, Optional<GenericKubernetesResource> type) {
    Map<String, Object> body = new LinkedHashMap<>();
    try {
      body.put("item", JSON.readTree(agent(agent, type)));
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
    body.putAll(ItemViews.agentDetail(agent));
    body.put("switchMode", type.map(ItemRenderer::switchMode).orElse("Restart"));
    return write(body);
  }

  void forgetAgent(HasMetadata agent) {
    agents.remove(key(agent));
  }

  void forgetType(HasMetadata type) {
    types.remove(key(type));
    typed.remove(key(type));
  }

  /** {"namespace", "name"} of a deleted object. */
  static String reference(HasMetadata object) {
    Map<String, String> reference = new LinkedHashMap<>();
    reference.put("namespace", object.getMetadata().getNamespace());
    reference.put("name", object.getMetadata().getName());
    return write(reference);
  }

  static String key(HasMetadata object) {
    return object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
