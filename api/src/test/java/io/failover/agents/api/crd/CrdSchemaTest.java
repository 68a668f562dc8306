package io.failover.agents.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.failover.agents.api.TokenBudgetSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Everything Kubernetes can check at admission is present in the committed CRDs. */
class CrdSchemaTest {
  private static final Path AGENT_TYPES = GeneratedCrdsTest.COMMITTED.resolve("agenttypes.agents.failover.io.yaml");
  private static final Path AGENTS = GeneratedCrdsTest.COMMITTED.resolve("agents.agents.failover.io.yaml");
  private static final long APPLY_ANNOTATION_LIMIT = 256 * 1024;

  @ParameterizedTest
  @ValueSource(strings = {"agenttypes.agents.failover.io.yaml", "agents.agents.failover.io.yaml"})
  void crdIsWellUnderTheLastAppliedAnnotationLimit(String file) throws IOException {
    assertThat(Files.size(GeneratedCrdsTest.COMMITTED.resolve(file))).isLessThan(APPLY_ANNOTATION_LIMIT / 8);
  }

  @Test
  void agentTypeNamesAndSubresources() {
    CustomResourceDefinition crd = load(AGENT_TYPES);
    assertThat(crd.getSpec().getGroup()).isEqualTo("agents.failover.io");
    assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
    assertThat(crd.getSpec().getNames().getPlural()).isEqualTo("agenttypes");
    assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("agt");
    assertThat(version(crd).getName()).isEqualTo("v1alpha1");
    assertThat(version(crd).getSubresources().getStatus()).isNotNull();
  }

  @Test
  void agentTypesShowTheirOpenCircuits() {
    assertThat(version(load(AGENT_TYPES)).getAdditionalPrinterColumns())
        .extracting(CustomResourceColumnDefinition::getName, CustomResourceColumnDefinition::getJsonPath)
        .contains(org.assertj.core.groups.Tuple.tuple("OPEN", ".status.openTiers"));
  }

  @Test
  void agentNamesSubresourcesAndPrinterColumnsInSpecOrder() {
    CustomResourceDefinition crd = load(AGENTS);
    assertThat(crd.getSpec().getNames().getPlural()).isEqualTo("agents");
    assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("ag");
    assertThat(version(crd).getSubresources().getStatus()).isNotNull();
    assertThat(version(crd).getAdditionalPrinterColumns())
        .extracting(CustomResourceColumnDefinition::getName, CustomResourceColumnDefinition::getJsonPath)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("READY", ".status.conditions[?(@.type==\"Ready\")].status"),
            org.assertj.core.groups.Tuple.tuple("TYPE", ".spec.type"),
            org.assertj.core.groups.Tuple.tuple("TIER", ".status.tier"),
            org.assertj.core.groups.Tuple.tuple("PROVIDER", ".status.provider"),
            org.assertj.core.groups.Tuple.tuple("MODEL", ".status.model"),
            org.assertj.core.groups.Tuple.tuple("PAUSED", ".status.paused"),
            org.assertj.core.groups.Tuple.tuple("LAST-FAILURE", ".status.lastFailureKind"),
            org.assertj.core.groups.Tuple.tuple("COOLDOWN-UNTIL", ".status.cooldownUntil"),
            org.assertj.core.groups.Tuple.tuple("REASON", ".status.conditions[?(@.type==\"Ready\")].reason"),
            org.assertj.core.groups.Tuple.tuple("AGE", ".metadata.creationTimestamp"));
    assertThat(version(crd).getAdditionalPrinterColumns())
        .filteredOn(column -> column.getPriority() != null && column.getPriority() > 0)
        .as("-o wide only").extracting(CustomResourceColumnDefinition::getName)
        .containsExactly("COOLDOWN-UNTIL", "REASON");
  }

  @Test
  void agentsScaleThroughSpecReplicas() {
    var scale = version(load(AGENTS)).getSubresources().getScale();
    assertThat(scale.getSpecReplicasPath()).isEqualTo(".spec.replicas");
    assertThat(scale.getStatusReplicasPath()).isEqualTo(".status.replicas");
    assertThat(scale.getLabelSelectorPath()).isEqualTo(".status.selector");
  }

  @ParameterizedTest
  @ValueSource(strings = {"agenttypes.agents.failover.io.yaml", "agents.agents.failover.io.yaml"})
  void bothKindsAreInTheAgentsFailoverCategory(String file) {
    assertThat(load(GeneratedCrdsTest.COMMITTED.resolve(file)).getSpec().getNames().getCategories())
        .containsExactly("agents-failover");
  }

  /** kubectl explain has something to say about the kind, spec, status and every field below them. */
  @ParameterizedTest
  @ValueSource(strings = {"agenttypes.agents.failover.io.yaml", "agents.agents.failover.io.yaml"})
  void everyFieldIsDescribed(String file) {
    JSONSchemaProps root = schema(load(GeneratedCrdsTest.COMMITTED.resolve(file)));
    List<String> undescribed = new java.util.ArrayList<>();
    undescribed(root, "", undescribed);
    assertThat(undescribed).as("fields without a description").isEmpty();
  }

  private static void undescribed(JSONSchemaProps schema, String path, List<String> found) {
    if (schema.getDescription() == null || schema.getDescription().isBlank()) {
      found.add(path.isEmpty() ? "(the kind)" : path);
    }
    if (schema.getProperties() != null) {
      schema.getProperties().forEach((name, child) -> {
        if (!(path.isEmpty() && List.of("apiVersion", "kind", "metadata").contains(name))) {
          undescribed(child, path.isEmpty() ? name : path + "." + name, found);
        }
      });
    }
    if (schema.getItems() != null && schema.getItems().getSchema() != null) {
      JSONSchemaProps item = schema.getItems().getSchema();
      if (item.getProperties() != null) {
        item.getProperties().forEach((name, child) -> undescribed(child, path + "[]." + name, found));
      }
    }
    if (schema.getAdditionalProperties() != null && schema.getAdditionalProperties().getSchema() != null
        && schema.getAdditionalProperties().getSchema().getProperties() != null
        && !schema.getAdditionalProperties().getSchema().getProperties().isEmpty()) {
      undescribed(schema.getAdditionalProperties().getSchema(), path + "{}", found);
    }
  }

  @Test
  void chainHoldsOneToThreeEntriesWithUniqueProviders() {
    JSONSchemaProps chain = agentTypeSpec().getProperties().get("providerChain");
    assertThat(chain.getMinItems()).isEqualTo(1L);
    assertThat(chain.getMaxItems()).isEqualTo(3L);
    assertThat(chain.getXKubernetesListType()).as("a repeated provider is refused naming its entry").isEqualTo("map");
    assertThat(chain.getXKubernetesListMapKeys()).containsExactly("provider");
  }

  @Test
  void chainEntryNeedsProviderAndNonEmptyModel() {
    JSONSchemaProps entry = chainEntry();
    assertThat(entry.getRequired()).contains("provider", "model");
    assertThat(entry.getProperties().get("model").getMinLength()).isEqualTo(1L);
    assertThat(entry.getProperties().get("provider").getEnum())
        .extracting(Object::toString)
        .containsExactlyInAnyOrder("\"anthropic\"", "\"deepseek\"", "\"openrouter\"", "\"ollama\"", "\"openai\"", "\"custom\"");
  }

  @ParameterizedTest
  @CsvSource({"providerChain", "spec"})
  void credentialsAndBaseUrlRequiredByProviderAtBothLevels(String level) {
    JSONSchemaProps schema = level.equals("spec") ? agentTypeSpec() : chainEntry();
    assertThat(rule(schema, "'openai']) || has(self.credentialsSecretRef)")).hasValueSatisfying(r -> {
      assertThat(r.getFieldPath()).isEqualTo(".credentialsSecretRef");
      assertThat(r.getRule()).contains("'anthropic'", "'deepseek'", "'openrouter'", "'openai'");
    });
    assertThat(rule(schema, "'custom']) || has(self.baseUrl)")).hasValueSatisfying(r -> {
      assertThat(r.getFieldPath()).isEqualTo(".baseUrl");
      assertThat(r.getRule()).contains("'ollama'", "'custom'");
    });
  }

  @ParameterizedTest
  @CsvSource({"providerChain", "spec"})
  void baseUrlIsABoundedHttpUrl(String level) {
    JSONSchemaProps baseUrl = (level.equals("spec") ? agentTypeSpec() : chainEntry()).getProperties().get("baseUrl");
    assertThat(baseUrl.getMaxLength()).isNotNull();
    assertThat(rule(baseUrl, "isURL(self)")).hasValueSatisfying(r -> {
      assertThat(r.getRule()).contains("'http://'", "'https://'");
      assertThat(r.getMessage()).startsWith("baseUrl:");
    });
  }

  @Test
  void legacyFormAndChainAreMutuallyExclusiveAndOneIsRequired() {
    JSONSchemaProps spec = agentTypeSpec();
    assertThat(rule(spec, "!(has(self.provider) && has(self.providerChain))"))
        .hasValueSatisfying(r -> assertThat(r.getFieldPath()).isEqualTo(".provider"));
    assertThat(rule(spec, "has(self.provider) || has(self.providerChain)"))
        .hasValueSatisfying(r -> assertThat(r.getFieldPath()).isEqualTo(".providerChain"));
    assertThat(rule(spec, "!has(self.provider) || has(self.model)"))
        .hasValueSatisfying(r -> assertThat(r.getFieldPath()).isEqualTo(".model"));
  }

  @Test
  void failoverPolicyBoundsAndDefaults() {
    JSONSchemaProps failover = agentTypeSpec().getProperties().get("failover");
    JSONSchemaProps cooldown = failover.getProperties().get("cooldownSeconds");
    assertThat(cooldown.getType()).isEqualTo("integer");
    assertThat(cooldown.getMinimum()).isEqualTo(0.0);
    assertThat(cooldown.getDefault().asLong()).isEqualTo(900);
    JSONSchemaProps threshold = failover.getProperties().get("serverErrorThreshold");
    assertThat(threshold.getMinimum()).isEqualTo(1.0);
    assertThat(threshold.getMaximum()).isEqualTo(100.0);
    assertThat(threshold.getDefault().asInt()).isEqualTo(3);
    JSONSchemaProps onExhausted = failover.getProperties().get("onExhausted");
    assertThat(onExhausted.getEnum()).extracting(Object::toString).containsExactly("\"Pause\"", "\"Wrap\"");
    assertThat(onExhausted.getDefault().asText()).isEqualTo("Pause");
    JSONSchemaProps switchMode = agentTypeSpec().getProperties().get("switchMode");
    assertThat(switchMode.getEnum()).extracting(Object::toString).containsExactlyInAnyOrder("\"Restart\"", "\"PerTask\"");
    assertThat(switchMode.getDefault().asText()).isEqualTo("Restart");
    JSONSchemaProps triggers = failover.getProperties().get("triggers");
    assertThat(triggers.getXKubernetesListType()).isEqualTo("set");
    assertThat(triggers.getItems().getSchema().getEnum()).hasSize(5);
  }

  @Test
  void tokenBudgetNeedsAPositiveIntegerLimitAndAWindow() {
    JSONSchemaProps budget = agentTypeSpec().getProperties().get("failover").getProperties().get("tokenBudget");
    assertThat(budget.getRequired()).containsExactlyInAnyOrder("limitTokens", "window");
    JSONSchemaProps limit = budget.getProperties().get("limitTokens");
    assertThat(limit.getType()).isEqualTo("integer");
    assertThat(limit.getMinimum()).isEqualTo(1.0);
    JSONSchemaProps window = budget.getProperties().get("window");
    assertThat(window.getPattern()).isEqualTo(TokenBudgetSpec.WINDOW_PATTERN).isEqualTo("^(all|[1-9][0-9]{0,8}(s|m|h|d))$");
    assertThat(window.getMaxLength()).isNotNull();
  }

  @Test
  void templateIsAnObjectKeptAsGiven() {
    JSONSchemaProps template = agentTypeSpec().getProperties().get("template");
    assertThat(template.getType()).isEqualTo("object");
    assertThat(template.getXKubernetesPreserveUnknownFields()).isTrue();
    assertThat(template.getProperties()).isNullOrEmpty();
  }

  @Test
  void agentSpecNeedsATypeAndNonNegativeReplicas() {
    JSONSchemaProps spec = schema(load(AGENTS)).getProperties().get("spec");
    assertThat(spec.getRequired()).contains("type");
    assertThat(spec.getProperties().get("type").getMinLength()).isEqualTo(1L);
    assertThat(spec.getProperties().get("replicas").getMinimum()).isEqualTo(0.0);
    assertThat(spec.getProperties().get("replicas").getDefault().asInt()).isEqualTo(1);
    assertThat(spec.getProperties().get("paused").getType()).isEqualTo("boolean");
  }

  @ParameterizedTest
  @ValueSource(strings = {"agenttypes.agents.failover.io.yaml", "agents.agents.failover.io.yaml"})
  void conditionsAreAListMapKeyedByType(String file) {
    JSONSchemaProps conditions = schema(load(GeneratedCrdsTest.COMMITTED.resolve(file)))
        .getProperties().get("status").getProperties().get("conditions");
    assertThat(conditions.getXKubernetesListType()).isEqualTo("map");
    assertThat(conditions.getXKubernetesListMapKeys()).containsExactly("type");
    assertThat(conditions.getItems().getSchema().getRequired()).contains("type", "status");
  }

  @ParameterizedTest
  @ValueSource(strings = {"agenttypes.agents.failover.io.yaml", "agents.agents.failover.io.yaml"})
  void everyCelRuleNamesItsField(String file) {
    List<ValidationRule> rules = allRules(schema(load(GeneratedCrdsTest.COMMITTED.resolve(file))));
    assertThat(rules).allSatisfy(r -> assertThat(r.getMessage()).matches("^[a-zA-Z]+: .+"));
    assertThat(rules).allSatisfy(r -> {
      String field = r.getMessage().substring(0, r.getMessage().indexOf(':'));
      if (r.getFieldPath() != null) {
        assertThat(r.getFieldPath()).isEqualTo("." + field);
      }
    });
  }

  private static List<ValidationRule> allRules(JSONSchemaProps schema) {
    java.util.ArrayList<ValidationRule> rules = new java.util.ArrayList<>();
    if (schema.getXKubernetesValidations() != null) {
      rules.addAll(schema.getXKubernetesValidations());
    }
    if (schema.getProperties() != null) {
      schema.getProperties().values().forEach(child -> rules.addAll(allRules(child)));
    }
    if (schema.getItems() != null && schema.getItems().getSchema() != null) {
      rules.addAll(allRules(schema.getItems().getSchema()));
    }
    return rules;
  }

  private static Optional<ValidationRule> rule(JSONSchemaProps schema, String fragment) {
    return Optional.ofNullable(schema.getXKubernetesValidations()).orElse(List.of()).stream()
        .filter(r -> r.getRule().contains(fragment))
        .findFirst();
  }

  private static JSONSchemaProps agentTypeSpec() {
    return schema(load(AGENT_TYPES)).getProperties().get("spec");
  }

  private static JSONSchemaProps chainEntry() {
    return agentTypeSpec().getProperties().get("providerChain").getItems().getSchema();
  }

  private static CustomResourceDefinitionVersion version(CustomResourceDefinition crd) {
    assertThat(crd.getSpec().getVersions()).hasSize(1);
    return crd.getSpec().getVersions().get(0);
  }

  private static JSONSchemaProps schema(CustomResourceDefinition crd) {
    return version(crd).getSchema().getOpenAPIV3Schema();
  }

  private static CustomResourceDefinition load(Path file) {
    try (var in = Files.newInputStream(file)) {
      return Serialization.unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
