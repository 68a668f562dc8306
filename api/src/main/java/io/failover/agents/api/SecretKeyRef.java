package io.failover.agents.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Objects;

/** A key in a Secret of the AgentType's namespace that holds a provider API key. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretKeyRef {
  @Required
  @Size(min = 1, max = 253)
  @JsonPropertyDescription("Name of the Secret in the AgentType's namespace.")
  private String name;

  @Required
  @Size(min = 1, max = 253)
  @JsonPropertyDescription("Key within the Secret whose value is the API key.")
  private String key;

  public SecretKeyRef() {}

  public SecretKeyRef(String name, String key) {
    this.name = name;
    this.key = key;
  }

  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
  public String getKey() { return key; }
  public void setKey(String key) { this.key = key; }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecretKeyRef other && Objects.equals(name, other.name) && Objects.equals(key, other.key);
  }

  @Override
  public int hashCode() { return Objects.hash(name, key); }
}
