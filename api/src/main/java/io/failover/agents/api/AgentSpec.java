package io.failover.agents.api;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;

@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("What the agent is: its AgentType, how many pods, and whether it is held paused.")
public class AgentSpec {
  @Required
  @Size(min = 1, max = 253)
  @JsonPropertyDescription("Name of the AgentType in the same namespace.")
  private String type;

  @SpecReplicas
  @Min(0)
  @Default("1")
  @JsonPropertyDescription("Pods of this agent while it is not paused; 0 is allowed.")
  private Integer replicas;

  @JsonPropertyDescription("True keeps the agent paused while set (reason Spec); removing it or setting false unpauses an agent paused this way. "
      + "The one-shot pause and unpause annotations stay for imperative use; unpause does not override this field.")
  private Boolean paused;

  public String getType() { return type; }
  public void setType(String type) { this.type = type; }
  public Integer getReplicas() { return replicas; }
  public void setReplicas(Integer replicas) { this.replicas = replicas; }
  public Boolean getPaused() { return paused; }
  public void setPaused(Boolean paused) { this.paused = paused; }
}
