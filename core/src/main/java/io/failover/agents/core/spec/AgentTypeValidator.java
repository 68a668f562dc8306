package io.failover.agents.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.failover.agents.api.AgentTypeSpec;
import io.failover.agents.api.ProviderTierSpec;
import io.failover.agents.core.policy.SwitchMode;
import io.failover.agents.core.provider.AgentEnv;
import io.failover.agents.core.provider.ProviderPreset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operator's own check of an AgentType: every rule the CRD schema enforces at admission and the
 * few it cannot, each problem with its field path. It never throws on user input.
 */
public final class AgentTypeValidator {
  static final int MAX_CHAIN_LENGTH = 3;

  private AgentTypeValidator() {}

  public static List<SpecProblem> validate(AgentTypeSpec spec) {
    List<SpecProblem> problems = new ArrayList<>();
    if (spec == null) {
      problems.add(new SpecProblem("spec", "required"));
      return problems;
    }
    boolean legacy = spec.getProvider() != null;
    boolean chain = spec.getProviderChain() != null;
    if (legacy && chain) {
      problems.add(new SpecProblem("spec.provider", "the legacy form and spec.providerChain are mutually exclusive"));
    } else if (legacy) {
      validator(spec.getProvider()).validate(spec, "spec", problems);
    } else if (chain) {
      legacyFieldsWithoutProvider(spec, problems);
      chain(spec.getProviderChain(), problems);
    } else {
      legacyFieldsWithoutProvider(spec, problems);
      problems.add(new SpecProblem("spec.providerChain", "required (or the legacy spec.provider and spec.model)"));
    }
    FailoverSpecValidator.validate(spec.getFailover(), problems);
    switchMode(spec.getSwitchMode(), problems);
    template(spec.getTemplate(), problems);
    return problems;
  }

  private static void legacyFieldsWithoutProvider(AgentTypeSpec spec, List<SpecProblem> problems) {
    Map<String, Object> legacyFields = new HashMap<>();
    legacyFields.put("model", spec.getModel());
    legacyFields.put("credentialsSecretRef", spec.getCredentialsSecretRef());
    legacyFields.put("baseUrl", spec.getBaseUrl());
    legacyFields.put("env", spec.getEnv());
    legacyFields.entrySet().stream()
        .filter(field -> field.getValue() != null)
        .map(Map.Entry::getKey)
        .sorted()
        .forEach(field -> problems.add(new SpecProblem("spec." + field,
            "belongs to the legacy single-provider form, which needs spec.provider; use spec.providerChain entries")));
  }

  private static void chain(List<ProviderTierSpec> chain, List<SpecProblem> problems) {
    if (chain.isEmpty() || chain.size() > MAX_CHAIN_LENGTH) {
      problems.add(new SpecProblem("spec.providerChain", "must have 1 to 3 entries, has " + chain.size()));
    }
    Map<String, Integer> firstTierOfProvider = new HashMap<>();
    for (int i = 0; i < chain.size(); i++) {
      String path = "spec.providerChain[" + i + "]";
      ProviderTierSpec entry = chain.get(i);
      if (entry == null) {
        problems.add(new SpecProblem(path, "must be an object"));
        continue;
      }
      validator(entry.getProvider()).validate(entry, path, problems);
      if (entry.getProvider() != null) {
        Integer earlier = firstTierOfProvider.putIfAbsent(entry.getProvider(), i);
        if (earlier != null) {
          problems.add(new SpecProblem(path + ".provider", "Duplicate value: \"" + entry.getProvider()
              + "\" (also spec.providerChain[" + earlier + "]); providers must be unique within the chain"));
        }
      }
    }
  }

  private static ProviderSettingsValidator validator(String provider) {
    Set<String> reserved = ProviderPreset.fromWireName(provider).map(AgentEnv::setByOperator)
        .orElse(AgentEnv.setByOperator(ProviderPreset.CUSTOM));
    return new ProviderSettingsValidator(reserved);
  }

  private static void switchMode(String switchMode, List<SpecProblem> problems) {
    if (switchMode != null && SwitchMode.fromWireName(switchMode).isEmpty()) {
      problems.add(new SpecProblem("spec.switchMode", "unsupported value \"" + switchMode + "\": must be Restart or PerTask"));
    }
  }

  private static void template(JsonNode template, List<SpecProblem> problems) {
    if (template == null || template.isNull()) {
      problems.add(new SpecProblem("spec.template", "required: a pod template with at least one container"));
      return;
    }
    if (!template.isObject()) {
      problems.add(new SpecProblem("spec.template", "must be an object (a PodTemplateSpec)"));
      return;
    }
    JsonNode containers = template.path("spec").path("containers");
    if (!containers.isArray() || containers.isEmpty()) {
      problems.add(new SpecProblem("spec.template.spec.containers", "at least one container is required"));
      return;
    }
    for (int i = 0; i < containers.size(); i++) {
      JsonNode name = containers.get(i).path("name");
      if (!name.isTextual() || name.asText().isBlank()) {
        problems.add(new SpecProblem("spec.template.spec.containers[" + i + "].name", "required"));
      }
    }
  }
}
