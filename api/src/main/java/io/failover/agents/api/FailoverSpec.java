package io.failover.agents.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * The failover policy of an AgentType. Absent fields take the defaults of SPEC section 2. Numbers
 * are kept as {@link Number} (the schema says integer) so that a fraction reaches the operator's
 * validation instead of being truncated by deserialization.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.maxCooldownSeconds) || self.maxCooldownSeconds >= (has(self.cooldownSeconds) ? self.cooldownSeconds : 900)",
    message = "maxCooldownSeconds: must be at least cooldownSeconds", fieldPath = ".maxCooldownSeconds")
public class FailoverSpec {
  public static final long DEFAULT_MAX_COOLDOWN_SECONDS = 21_600;

  @SchemaFrom(type = Long.class)
  @Min(0)
  @Default("900")
  @JsonPropertyDescription("Seconds on a lower tier before a successful task may return the agent to tier 1.")
  private Number cooldownSeconds;

  @SchemaFrom(type = OnExhausted.class)
  @Default("Pause")
  @JsonPropertyDescription("At the end of the chain: Pause the agent, or Wrap to tier 1.")
  private String onExhausted;

  @Size(max = 5)
  @SchemaFrom(type = Trigger[].class)
  @JsonPropertyDescription("Failure kinds that move an agent down a tier; default all five.")
  private List<String> triggers;

  @SchemaFrom(type = Integer.class)
  @Min(1)
  @Max(100)
  @Default("3")
  @JsonPropertyDescription("Consecutive server errors on a tier that count as a persistent failure.")
  private Number serverErrorThreshold;

  @JsonPropertyDescription("Optional token budget for the tier-1 provider, shared by all agents of the type.")
  private TokenBudgetSpec tokenBudget;

  @SchemaFrom(type = FailoverScope.class)
  @Default("Agent")
  @JsonPropertyDescription("Agent: each agent learns on its own; Type: the agents of the type share a circuit per tier.")
  private String scope;

  @SchemaFrom(type = Long.class)
  @Min(0)
  @Default("21600")
  @JsonPropertyDescription("Upper bound of a damped or reset-aware cooldown, in seconds (at least cooldownSeconds).")
  private Number maxCooldownSeconds;

  public Number getCooldownSeconds() { return cooldownSeconds; }
  public void setCooldownSeconds(Number cooldownSeconds) { this.cooldownSeconds = cooldownSeconds; }
  public String getOnExhausted() { return onExhausted; }
  public void setOnExhausted(String onExhausted) { this.onExhausted = onExhausted; }
  public List<String> getTriggers() { return triggers; }
  public void setTriggers(List<String> triggers) { this.triggers = triggers; }
  public Number getServerErrorThreshold() { return serverErrorThreshold; }
  public void setServerErrorThreshold(Number serverErrorThreshold) { this.serverErrorThreshold = serverErrorThreshold; }
  public String getScope() { return scope; }
  public void setScope(String scope) { this.scope = scope; }
  public Number getMaxCooldownSeconds() { return maxCooldownSeconds; }
  public void setMaxCooldownSeconds(Number maxCooldownSeconds) { this.maxCooldownSeconds = maxCooldownSeconds; }
  public TokenBudgetSpec getTokenBudget() { return tokenBudget; }
  public void setTokenBudget(TokenBudgetSpec tokenBudget) { this.tokenBudget = tokenBudget; }
}
