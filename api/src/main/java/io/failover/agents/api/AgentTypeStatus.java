package io.failover.agents.api;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("Whether the AgentType is valid, and the policy in force.")
public class AgentTypeStatus {
  @JsonPropertyDescription("The metadata.generation of the AgentType this status was computed from.")
  private Long observedGeneration;

  @JsonPropertyDescription("Valid: True, or False with reason InvalidSpec and the field-path messages.")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("The triggers in force after defaults and the chain-of-one rule.")
  private List<String> effectiveTriggers = new ArrayList<>();

  @JsonPropertyDescription("Things that are allowed but probably not meant, e.g. a trigger that can never fire.")
  private List<String> warnings = new ArrayList<>();

  @JsonPropertyDescription("With spec.failover.scope Type: one circuit per tier of the chain.")
  private List<CircuitStatus> circuits;

  @JsonPropertyDescription("The tiers whose circuit is Open or HalfOpen, e.g. \"1\" (the OPEN column).")
  private String openTiers;

  public Long getObservedGeneration() { return observedGeneration; }
  public void setObservedGeneration(Long observedGeneration) { this.observedGeneration = observedGeneration; }
  public List<Condition> getConditions() { return conditions; }
  public void setConditions(List<Condition> conditions) { this.conditions = conditions; }
  public List<String> getEffectiveTriggers() { return effectiveTriggers; }
  public void setEffectiveTriggers(List<String> effectiveTriggers) { this.effectiveTriggers = effectiveTriggers; }
  public List<CircuitStatus> getCircuits() { return circuits; }
  public void setCircuits(List<CircuitStatus> circuits) { this.circuits = circuits; }
  public String getOpenTiers() { return openTiers; }
  public void setOpenTiers(String openTiers) { this.openTiers = openTiers; }
  public List<String> getWarnings() { return warnings; }
  public void setWarnings(List<String> warnings) { this.warnings = warnings; }
}
