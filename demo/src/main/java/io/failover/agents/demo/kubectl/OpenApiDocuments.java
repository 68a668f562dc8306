package io.failover.agents.demo.kubectl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI v3 that kubectl needs before it applies: for each kind, a PATCH operation that
 * declares the fieldValidation parameter, which tells kubectl the server validates fields itself
 * (so it needs no client-side schema). Types are not described further.
 */
final class OpenApiDocuments {
  static final String HASH = "agent-failover-demo-1";

  private OpenApiDocuments() {}

  static Map<String, Object> index(ApiCatalog catalog) {
    Map<String, Object> paths = new LinkedHashMap<>();
    catalog.byGroupVersion().forEach((groupVersion, resources) -> {
      String path = resources.get(0).prefix().substring(1);
      paths.put(path, Map.of("serverRelativeURL", "/openapi/v3/" + path + "?hash=" + HASH));
    });
    return Map.of("paths", paths);
  }

  static Map<String, Object> groupVersion(ApiCatalog catalog, String groupVersion) {
    Map<String, Object> paths = new LinkedHashMap<>();
    for (ApiCatalog.Resource resource : catalog.byGroupVersion().getOrDefault(groupVersion, List.of())) {
      String path = resource.prefix() + (resource.namespaced() ? "/namespaces/{namespace}/" : "/") + resource.plural() + "/{name}";
      Map<String, Object> patch = new LinkedHashMap<>();
      patch.put("x-kubernetes-group-version-kind",
          Map.of("group", resource.group(), "version", resource.version(), "kind", resource.kind()));
      patch.put("parameters", List.of(Map.of("name", "fieldValidation", "in", "query", "schema", Map.of("type", "string"))));
      paths.put(path, Map.of("patch", patch));
    }
    return Map.of("openapi", "3.0.0", "info", Map.of("title", "agent failover demo", "version", "v1"), "paths", paths);
  }
}
