package io.failover.agents.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class AgentSpec {
  @Required
  @Size(min = 1, max = 253)
  @JsonPropertyDescription("Name of the AgentType in the same namespace.")
  private String type;

  @Min(0)
  @Default("1")
  @JsonPropertyDescription("Pods of this agent while it is not paused; 0 is allowed.")
  private Integer replicas;

  public String getType() { return type; }
  public void setType(String type) { this.type = type; }
  public Integer getReplicas() { return replicas; }
  public void setReplicas(Integer replicas) { this.replicas = replicas; }
}
