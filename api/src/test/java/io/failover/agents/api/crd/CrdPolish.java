package io.failover.agents.api.crd;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What the generator's annotations cannot say: printer columns in the order they are declared
 * (the generator sorts them by JSON path), {@code template} typed as an object that keeps unknown
 * fields, and the list semantics Kubernetes conventions ask for (triggers a set, the provider chain
 * a map keyed by provider, conditions a map keyed by type), and descriptions where the generator
 * leaves none: the kind, spec and status (from their classes' {@code @JsonClassDescription}) and the
 * fields of Kubernetes' own Condition type.
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
      describeKindSpecAndStatus(root, resourceClass);
      describeConditionFields(root.getProperties().get("status").getProperties().get("conditions"));
    }
    return crd;
  }

  private static final Map<String, String> CONDITION_FIELDS = Map.of(
      "type", "Type of condition in CamelCase.",
      "status", "Status of the condition: True, False or Unknown.",
      "reason", "A CamelCase reason for the condition's last transition.",
      "message", "A human-readable message about the transition.",
      "lastTransitionTime", "Last time the condition's status changed.",
      "observedGeneration", "The metadata.generation the condition was set from.");

  private static void describeKindSpecAndStatus(JSONSchemaProps root, Class<?> resourceClass) {
    describeIfBlank(root, resourceClass);
    Type[] specAndStatus = ((ParameterizedType) resourceClass.getGenericSuperclass()).getActualTypeArguments();
    describeIfBlank(root.getProperties().get("spec"), (Class<?>) specAndStatus[0]);
    describeIfBlank(root.getProperties().get("status"), (Class<?>) specAndStatus[1]);
  }

  private static void describeIfBlank(JSONSchemaProps schema, Class<?> describedBy) {
    JsonClassDescription description = describedBy.getAnnotation(JsonClassDescription.class);
    if ((schema.getDescription() == null || schema.getDescription().isBlank()) && description != null) {
      schema.setDescription(description.value());
    }
  }

  private static void describeConditionFields(JSONSchemaProps conditions) {
    conditions.getItems().getSchema().getProperties().forEach((name, field) -> {
      if (field.getDescription() == null && CONDITION_FIELDS.containsKey(name)) {
        field.setDescription(CONDITION_FIELDS.get(name));
      }
    });
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
