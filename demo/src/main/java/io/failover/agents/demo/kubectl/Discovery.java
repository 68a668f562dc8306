package io.failover.agents.demo.kubectl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Legacy discovery documents (kubectl falls back to them when aggregated discovery is not offered). */
final class Discovery {
  private Discovery() {}

  static Map<String, Object> version() {
    Map<String, Object> version = new LinkedHashMap<>();
    version.put("major", "1");
    version.put("minor", "32");
    version.put("gitVersion", "v1.32.0-agent-failover-demo");
    version.put("gitCommit", "0000000000000000000000000000000000000000");
    version.put("gitTreeState", "clean");
    version.put("buildDate", "2026-01-01T00:00:00Z");
    version.put("goVersion", "go1.23");
    version.put("compiler", "gc");
    version.put("platform", "linux/amd64");
    return version;
  }

  static Map<String, Object> coreVersions() {
    return Map.of("kind", "APIVersions", "versions", List.of("v1"),
        "serverAddressByClientCIDRs", List.of(Map.of("clientCIDR", "0.0.0.0/0", "serverAddress", "127.0.0.1")));
  }

  static Map<String, Object> groups(ApiCatalog catalog) {
    List<Map<String, Object>> groups = new ArrayList<>();
    Map<String, List<String>> versionsByGroup = new LinkedHashMap<>();
    catalog.resources().stream().filter(r -> !r.group().isEmpty())
        .forEach(r -> versionsByGroup.computeIfAbsent(r.group(), g -> new ArrayList<>())
            .add(r.version()));
    versionsByGroup.forEach((group, versions) -> {
      List<Map<String, String>> listed = versions.stream().distinct()
          .map(version -> Map.of("groupVersion", group + "/" + version, "version", version)).toList();
      groups.add(Map.of("name", group, "versions", listed, "preferredVersion", listed.get(0)));
    });
    return Map.of("kind", "APIGroupList", "apiVersion", "v1", "groups", groups);
  }

  static Map<String, Object> resources(ApiCatalog catalog, String groupVersion) {
    List<Map<String, Object>> resources = new ArrayList<>();
    for (ApiCatalog.Resource resource : catalog.byGroupVersion().getOrDefault(groupVersion, List.of())) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", resource.plural());
      entry.put("singularName", resource.singular());
      entry.put("namespaced", resource.namespaced());
      entry.put("kind", resource.kind());
      entry.put("verbs", ApiCatalog.VERBS);
      if (!resource.shortNames().isEmpty()) {
        entry.put("shortNames", resource.shortNames());
      }
      if (!resource.categories().isEmpty()) {
        entry.put("categories", resource.categories());
      }
      resources.add(entry);
      if (resource.subresources().status()) {
        resources.add(Map.of("name", resource.plural() + "/status", "singularName", "", "namespaced", resource.namespaced(),
            "kind", resource.kind(), "verbs", List.of("get", "patch", "update")));
      }
      if (resource.subresources().scale().isPresent()) {
        resources.add(scaleEntry(resource));
      }
    }
    return Map.of("kind", "APIResourceList", "apiVersion", "v1", "groupVersion", groupVersion, "resources", resources);
  }

  /** A scale subresource answers autoscaling/v1 Scales whatever the group of its parent (kubectl scale looks this up). */
  private static Map<String, Object> scaleEntry(ApiCatalog.Resource resource) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("name", resource.plural() + "/scale");
    entry.put("singularName", "");
    entry.put("namespaced", resource.namespaced());
    entry.put("group", Scales.GROUP);
    entry.put("version", Scales.VERSION);
    entry.put("kind", Scales.KIND);
    entry.put("verbs", List.of("get", "patch", "update"));
    return entry;
  }
}
