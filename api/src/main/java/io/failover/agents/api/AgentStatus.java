package io.failover.agents.api;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;
import java.util.ArrayList;
import java.util.List;

/** The agent's failover state: the status is the state, the ledger only its history. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("The agent's failover state, written by the operator; the ledger keeps its history.")
public class AgentStatus {
  @JsonPropertyDescription("The metadata.generation of the Agent this status was computed from.")
  private Long observedGeneration;

  @JsonPropertyDescription("Active tier, 1-based index into the AgentType's provider chain.")
  private Integer tier;

  @JsonPropertyDescription("Provider of the active tier.")
  private String provider;

  @JsonPropertyDescription("Model of the active tier.")
  private String model;

  @JsonPropertyDescription("True while the agent runs no pods and takes no tier changes.")
  private Boolean paused;

  @JsonPropertyDescription("Manual, ChainExhausted or Spec (spec.paused) while paused, empty otherwise.")
  private String pausedReason;

  @JsonPropertyDescription("RFC 3339 time before which a success does not return the agent to tier 1.")
  private String cooldownUntil;

  @JsonPropertyDescription("The failure kind that last moved the state: auth, quota, rateLimit, serverError, tokenBudget or other.")
  private String lastFailureKind;

  @JsonPropertyDescription("RFC 3339 time of the failure that last moved the state.")
  private String lastFailureAt;

  @JsonPropertyDescription("Server errors in a row on the active tier; serverErrorThreshold of them fail it over.")
  private Integer consecutiveServerErrors;

  @JsonPropertyDescription("Step-downs since the agent last stayed on tier 1 for a full cooldownSeconds: each doubles the next cooldown.")
  private Integer trips;

  @JsonPropertyDescription("RFC 3339 time the agent last returned to tier 1; its trips go back to 0 a full cooldownSeconds later.")
  private String recoveredAt;

  @JsonPropertyDescription("Highest ledger outcome sequence applied to this state.")
  private Long lastOutcomeSeq;

  @JsonPropertyDescription("Ready, Degraded and Paused, always all three.")
  private List<Condition> conditions = new ArrayList<>();

  @StatusReplicas
  @JsonPropertyDescription("Pods of the agent's Deployment, as its status counts them (the scale subresource's replicas).")
  private Integer replicas;

  @LabelSelector
  @JsonPropertyDescription("Label selector of the agent's pods (the scale subresource's selector, for autoscalers).")
  private String selector;

  public Long getObservedGeneration() { return observedGeneration; }
  public void setObservedGeneration(Long observedGeneration) { this.observedGeneration = observedGeneration; }
  public Integer getTier() { return tier; }
  public void setTier(Integer tier) { this.tier = tier; }
  public String getProvider() { return provider; }
  public void setProvider(String provider) { this.provider = provider; }
  public String getModel() { return model; }
  public void setModel(String model) { this.model = model; }
  public Boolean getPaused() { return paused; }
  public void setPaused(Boolean paused) { this.paused = paused; }
  public String getPausedReason() { return pausedReason; }
  public void setPausedReason(String pausedReason) { this.pausedReason = pausedReason; }
  public String getCooldownUntil() { return cooldownUntil; }
  public void setCooldownUntil(String cooldownUntil) { this.cooldownUntil = cooldownUntil; }
  public String getLastFailureKind() { return lastFailureKind; }
  public void setLastFailureKind(String lastFailureKind) { this.lastFailureKind = lastFailureKind; }
  public String getLastFailureAt() { return lastFailureAt; }
  public void setLastFailureAt(String lastFailureAt) { this.lastFailureAt = lastFailureAt; }
  public Integer getConsecutiveServerErrors() { return consecutiveServerErrors; }
  public void setConsecutiveServerErrors(Integer consecutiveServerErrors) { this.consecutiveServerErrors = consecutiveServerErrors; }
  public Integer getTrips() { return trips; }
  public void setTrips(Integer trips) { this.trips = trips; }
  public String getRecoveredAt() { return recoveredAt; }
  public void setRecoveredAt(String recoveredAt) { this.recoveredAt = recoveredAt; }
  public Long getLastOutcomeSeq() { return lastOutcomeSeq; }
  public void setLastOutcomeSeq(Long lastOutcomeSeq) { this.lastOutcomeSeq = lastOutcomeSeq; }
  public List<Condition> getConditions() { return conditions; }
  public void setConditions(List<Condition> conditions) { this.conditions = conditions; }
  public Integer getReplicas() { return replicas; }
  public void setReplicas(Integer replicas) { this.replicas = replicas; }
  public String getSelector() { return selector; }
  public void setSelector(String selector) { this.selector = selector; }
}
