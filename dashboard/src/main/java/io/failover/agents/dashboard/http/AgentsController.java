package io.failover.agents.dashboard.http;

import io.failover.agents.core.provider.ProviderPreset;
import io.failover.agents.dashboard.auth.Caller;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The agents and agent types the caller may see, and the provider presets for the editor. */
@Controller("/api/v1")
@Requires(property = Role.PROPERTY, value = Role.DASHBOARD)
@ExecuteOn(TaskExecutors.BLOCKING)
final class AgentsController {
  private static final Map<String, List<String>> SUGGESTED_MODELS = Map.of(
      "anthropic", List.of("claude-sonnet-4-5", "claude-opus-4-1", "claude-haiku-4-5"),
      "deepseek", List.of("deepseek-chat", "deepseek-reasoner"),
      "openrouter", List.of("anthropic/claude-sonnet-4.5", "qwen/qwen3-coder", "deepseek/deepseek-chat-v3.1"),
      "ollama", List.of("qwen3-coder", "gpt-oss:20b", "llama3.1"),
      "openai", List.of("gpt-5", "gpt-5-mini", "gpt-4.1"),
      "custom", List.of());

  private final Gate gate;
  private final ClusterWatch cluster;

  AgentsController(Gate gate, ClusterWatch cluster) {
    this.gate = gate;
    this.cluster = cluster;
  }

  @Get("/agents")
  MutableHttpResponse<String> agents(HttpRequest<?> request) {
    Caller caller = gate.caller(request);
    return json(items(cluster.agentItems(), Visibility.namespaces(gate, caller, "agents")));
  }

  @Get("/agenttypes")
  MutableHttpResponse<String> agentTypes(HttpRequest<?> request) {
    Caller caller = gate.caller(request);
    return json(items(cluster.agentTypeItems(), Visibility.namespaces(gate, caller, "agenttypes")));
  }

  @Get("/providers")
  Map<String, Object> providers(HttpRequest<?> request) {
    gate.caller(request);
    List<Map<String, Object>> items = Arrays.stream(ProviderPreset.values()).map(preset -> {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("name", preset.wireName());
      item.put("defaultBaseUrl", preset.defaultBaseUrl().orElse(null));
      item.put("needsCredentials", preset.needsCredentials());
      item.put("needsBaseUrl", preset.needsBaseUrl());
      item.put("models", SUGGESTED_MODELS.getOrDefault(preset.wireName(), List.of()));
      return item;
    }).toList();
    return Map.of("items", items);
  }

  /** {"items": [...]} from pre-rendered items, without parsing them again. */
  static String items(List<ClusterWatch.Item> items, Predicate<String> visibleNamespace) {
    return items.stream().filter(item -> visibleNamespace.test(item.namespace())).map(ClusterWatch.Item::json)
        .collect(Collectors.joining(",", "{\"items\":[", "]}"));
  }

  private static MutableHttpResponse<String> json(String body) {
    return HttpResponse.ok(body).contentType(MediaType.APPLICATION_JSON_TYPE);
  }

}
