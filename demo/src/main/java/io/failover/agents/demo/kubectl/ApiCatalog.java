package io.failover.agents.demo.kubectl;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceSubresourceScale;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
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

  /**
   * One printer column: header, JSONPath, type (date columns print as ages) and priority (kubectl
   * shows a column of priority above 0 only with {@code -o wide}).
   */
  record Column(String name, String jsonPath, String type, int priority, String description) {
    Column(String name, String jsonPath, String type) {
      this(name, jsonPath, type, 0, "");
    }
  }

  /**
   * A CRD's scale subresource: where a Scale's fields live in the object, and what the schema says
   * of the spec replicas field (its default, which a real server fills in on read, and its bounds).
   */
  record ScaleSubresource(String specReplicasPath, String statusReplicasPath, Optional<String> labelSelectorPath,
      Optional<Long> specReplicasDefault, Optional<Double> specReplicasMinimum, Optional<Double> specReplicasMaximum) {}

  /**
   * The subresources a resource serves besides itself. {@code complete} when they are all known
   * (a CRD declares its own), so any other subresource does not exist; the built-in kinds leave
   * the rest to the mock.
   */
  record Subresources(boolean status, Optional<ScaleSubresource> scale, boolean complete) {
    static final Subresources NONE = new Subresources(false, Optional.empty(), false);
    static final Subresources STATUS = new Subresources(true, Optional.empty(), false);

    boolean serves(String subresource) {
      return !complete || subresource.equals("status") && status || subresource.equals("scale") && scale.isPresent();
    }
  }

  record Resource(String group, String version, String plural, String singular, String kind, boolean namespaced,
      List<String> shortNames, List<String> categories, List<Column> columns, Subresources subresources) {

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
        new Resource("", "v1", "namespaces", "namespace", "Namespace", false, List.of("ns"), List.of(),
            List.of(new Column("Status", ".status.phase", "string"), AGE), Subresources.NONE),
        new Resource("", "v1", "secrets", "secret", "Secret", true, List.of(), List.of(),
            List.of(new Column("Type", ".type", "string"), AGE), Subresources.NONE),
        new Resource("", "v1", "configmaps", "configmap", "ConfigMap", true, List.of("cm"), List.of(), List.of(AGE),
            Subresources.NONE),
        new Resource("", "v1", "events", "event", "Event", true, List.of("ev"), List.of(),
            List.of(new Column("Type", ".type", "string"), new Column("Reason", ".reason", "string"),
                new Column("Object", ".involvedObject.name", "string"), new Column("Message", ".message", "string")),
            Subresources.NONE),
        new Resource("", "v1", "pods", "pod", "Pod", true, List.of("po"), List.of(), List.of(AGE), Subresources.STATUS),
        new Resource("", "v1", "serviceaccounts", "serviceaccount", "ServiceAccount", true, List.of("sa"), List.of(),
            List.of(AGE), Subresources.NONE),
        new Resource("apps", "v1", "deployments", "deployment", "Deployment", true, List.of("deploy"), List.of(),
            List.of(new Column("Replicas", ".spec.replicas", "integer"), new Column("Strategy", ".spec.strategy.type", "string"),
                AGE), Subresources.STATUS),
        new Resource("apps", "v1", "replicasets", "replicaset", "ReplicaSet", true, List.of("rs"), List.of(), List.of(AGE),
            Subresources.STATUS)));
    for (CustomResourceDefinition crd : client.apiextensions().v1().customResourceDefinitions().list().getItems()) {
      for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
        resources.add(new Resource(crd.getSpec().getGroup(), version.getName(), crd.getSpec().getNames().getPlural(),
            crd.getSpec().getNames().getSingular(), crd.getSpec().getNames().getKind(),
            "Namespaced".equals(crd.getSpec().getScope()),
            orEmpty(crd.getSpec().getNames().getShortNames()), orEmpty(crd.getSpec().getNames().getCategories()),
            columns(version), subresources(version)));
      }
    }
    return new ApiCatalog(List.copyOf(resources));
  }

  /** Every printer column, whatever its priority: kubectl hides those above 0 unless asked for wide output. */
  private static List<Column> columns(CustomResourceDefinitionVersion version) {
    if (version.getAdditionalPrinterColumns() == null || version.getAdditionalPrinterColumns().isEmpty()) {
      return List.of(AGE);
    }
    return version.getAdditionalPrinterColumns().stream()
        .map(c -> new Column(c.getName(), c.getJsonPath(), c.getType(), c.getPriority() == null ? 0 : c.getPriority(),
            c.getDescription() == null ? "" : c.getDescription()))
        .toList();
  }

  private static Subresources subresources(CustomResourceDefinitionVersion version) {
    if (version.getSubresources() == null) {
      return new Subresources(false, Optional.empty(), true);
    }
    CustomResourceSubresourceScale scale = version.getSubresources().getScale();
    return new Subresources(version.getSubresources().getStatus() != null, Optional.ofNullable(scale).map(s -> {
      Optional<JSONSchemaProps> field = Optional.ofNullable(version.getSchema()).map(schema -> schema.getOpenAPIV3Schema())
          .flatMap(root -> schemaAt(root, s.getSpecReplicasPath()));
      return new ScaleSubresource(s.getSpecReplicasPath(), s.getStatusReplicasPath(),
          Optional.ofNullable(s.getLabelSelectorPath()).filter(path -> !path.isBlank()),
          field.map(JSONSchemaProps::getDefault).filter(d -> d != null && d.canConvertToLong()).map(d -> d.asLong()),
          field.map(JSONSchemaProps::getMinimum), field.map(JSONSchemaProps::getMaximum));
    }), true);
  }

  /** The schema of the field at a dot path such as {@code .spec.replicas}. */
  private static Optional<JSONSchemaProps> schemaAt(JSONSchemaProps root, String dotPath) {
    JSONSchemaProps at = root;
    for (String key : dotPath.replaceFirst("^\\.", "").split("\\.")) {
      if (at == null || at.getProperties() == null) {
        return Optional.empty();
      }
      at = at.getProperties().get(key);
    }
    return Optional.ofNullable(at);
  }

  private static List<String> orEmpty(List<String> names) {
    return names == null ? List.of() : List.copyOf(names);
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
