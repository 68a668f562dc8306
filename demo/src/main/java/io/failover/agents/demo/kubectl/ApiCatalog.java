package io.failover.agents.demo.kubectl;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resources the embedded API offers kubectl: a few built-in types and every installed CRD,
 * with what discovery, OpenAPI and Tables need to know about them.
 */
final class ApiCatalog {
  static final List<String> VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  /** One printer column: header, JSONPath and type (date columns print as ages). */
  record Column(String name, String jsonPath, String type) {}

  record Resource(String group, String version, String plural, String singular, String kind, boolean namespaced,
      List<String> shortNames, List<Column> columns, boolean statusSubresource) {

    String groupVersion() {
      return group.isEmpty() ? version : group + "/" + version;
    }

    /** The URL prefix of this group-version: /api/v1 or /apis/group/version. */
    String prefix() {
      return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    }
  }

  private static final Column AGE = new Column("Age", ".metadata.creationTimestamp", "date");

  private final List<Resource> resources;

  private ApiCatalog(List<Resource> resources) {
    this.resources = resources;
  }

  static ApiCatalog read(KubernetesClient client) {
    List<Resource> resources = new ArrayList<>(List.of(
        new Resource("", "v1", "namespaces", "namespace", "Namespace", false, List.of("ns"),
            List.of(new Column("Status", ".status.phase", "string"), AGE), false),
        new Resource("", "v1", "secrets", "secret", "Secret", true, List.of(),
            List.of(new Column("Type", ".type", "string"), AGE), false),
        new Resource("", "v1", "configmaps", "configmap", "ConfigMap", true, List.of("cm"), List.of(AGE), false),
        new Resource("", "v1", "events", "event", "Event", true, List.of("ev"),
            List.of(new Column("Type", ".type", "string"), new Column("Reason", ".reason", "string"),
                new Column("Object", ".involvedObject.name", "string"), new Column("Message", ".message", "string")), false),
        new Resource("", "v1", "pods", "pod", "Pod", true, List.of("po"), List.of(AGE), true),
        new Resource("", "v1", "serviceaccounts", "serviceaccount", "ServiceAccount", true, List.of("sa"), List.of(AGE), false),
        new Resource("apps", "v1", "deployments", "deployment", "Deployment", true, List.of("deploy"),
            List.of(new Column("Replicas", ".spec.replicas", "integer"), new Column("Strategy", ".spec.strategy.type", "string"),
                AGE), true),
        new Resource("apps", "v1", "replicasets", "replicaset", "ReplicaSet", true, List.of("rs"), List.of(AGE), true)));
    for (CustomResourceDefinition crd : client.apiextensions().v1().customResourceDefinitions().list().getItems()) {
      for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
        List<Column> columns = version.getAdditionalPrinterColumns() == null || version.getAdditionalPrinterColumns().isEmpty()
            ? List.of(AGE)
            : version.getAdditionalPrinterColumns().stream().filter(c -> c.getPriority() == null || c.getPriority() == 0)
                .map(c -> new Column(c.getName(), c.getJsonPath(), c.getType())).toList();
        resources.add(new Resource(crd.getSpec().getGroup(), version.getName(), crd.getSpec().getNames().getPlural(),
            crd.getSpec().getNames().getSingular(), crd.getSpec().getNames().getKind(),
            "Namespaced".equals(crd.getSpec().getScope()),
            crd.getSpec().getNames().getShortNames() == null ? List.of() : crd.getSpec().getNames().getShortNames(),
            columns, version.getSubresources() != null && version.getSubresources().getStatus() != null));
      }
    }
    return new ApiCatalog(List.copyOf(resources));
  }

  List<Resource> resources() {
    return resources;
  }

  /** Group-versions in a stable order, core first. */
  Map<String, List<Resource>> byGroupVersion() {
    Map<String, List<Resource>> groups = new LinkedHashMap<>();
    resources.forEach(resource -> groups.computeIfAbsent(resource.groupVersion(), gv -> new ArrayList<>()).add(resource));
    return groups;
  }

  Optional<Resource> find(String group, String version, String plural) {
    return resources.stream().filter(r -> r.group().equals(group) && r.version().equals(version) && r.plural().equals(plural))
        .findFirst();
  }
}
