package io.failover.agents.api.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What the generator's annotations cannot say: printer columns in the order they are declared
 * (the generator sorts them by JSON path), {@code template} typed as an object that keeps unknown
 * fields, and the list semantics Kubernetes conventions ask for (triggers a set, the provider chain
 * a map keyed by provider, conditions a map keyed by type).
 */
final class CrdPolish implements CRDPostProcessor {
  private final Map<String, Class<?>> resourceClassByCrdName;

  CrdPolish(Map<String, Class<?>> resourceClassByCrdName) {
    this.resourceClassByCrdName = resourceClassByCrdName;
  }

  @Override
  public HasMetadata process(HasMetadata resource, String crdSpecVersion) {
    CustomResourceDefinition crd = (CustomResourceDefinition) resource;
    Class<?> resourceClass = resourceClassByCrdName.get(crd.getMetadata().getName());
    for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
      orderPrinterColumnsAsDeclared(version, resourceClass);
      JSONSchemaProps root = version.getSchema().getOpenAPIV3Schema();
      JSONSchemaProps spec = root.getProperties().get("spec");
      JSONSchemaProps template = spec.getProperties().get("template");
      if (template != null) {
        template.setType("object");
      }
      JSONSchemaProps failover = spec.getProperties().get("failover");
      if (failover != null) {
        failover.getProperties().get("triggers").setXKubernetesListType("set");
      }
      providersUniqueByKey(spec.getProperties().get("providerChain"));
      conditionsAsMapKeyedByType(root.getProperties().get("status"));
    }
    return crd;
  }

  private static void orderPrinterColumnsAsDeclared(CustomResourceDefinitionVersion version, Class<?> resourceClass) {
    List<String> declared = Arrays.stream(resourceClass.getAnnotationsByType(AdditionalPrinterColumn.class))
        .map(AdditionalPrinterColumn::name)
        .toList();
    version.getAdditionalPrinterColumns()
        .sort(Comparator.comparingInt((CustomResourceColumnDefinition column) -> declared.indexOf(column.getName())));
  }

  /**
   * The chain as a list keyed by provider: the API server then refuses a repeated provider naming
   * the entry and the key, {@code spec.providerChain[1]: Duplicate value: ...{"provider":"anthropic"}},
   * where a CEL rule on the list could only name the list.
   */
  private static void providersUniqueByKey(JSONSchemaProps chain) {
    if (chain != null) {
      chain.setXKubernetesListType("map");
      chain.setXKubernetesListMapKeys(List.of("provider"));
    }
  }

  private static void conditionsAsMapKeyedByType(JSONSchemaProps status) {
    JSONSchemaProps conditions = status.getProperties().get("conditions");
    conditions.setXKubernetesListType("map");
    conditions.setXKubernetesListMapKeys(List.of("type"));
    conditions.getItems().getSchema().setRequired(List.of("status", "type"));
  }
}
