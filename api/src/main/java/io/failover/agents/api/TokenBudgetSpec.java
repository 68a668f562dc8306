package io.failover.agents.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A token budget: input+output tokens spent on the tier-1 provider within a window. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TokenBudgetSpec {
  public static final String WINDOW_PATTERN = "^(all|[1-9][0-9]{0,8}(s|m|h|d))$";

  @Required
  @SchemaFrom(type = Long.class)
  @Min(1)
  @JsonPropertyDescription("Input+output tokens allowed within the window (a positive integer).")
  private Number limitTokens;

  @Required
  @Size(max = 16)
  @Pattern(WINDOW_PATTERN)
  @JsonPropertyDescription("Sliding window such as 30m, 5h or 7d; \"all\" counts forever and never trips (monitor only).")
  private String window;

  public Number getLimitTokens() { return limitTokens; }
  public void setLimitTokens(Number limitTokens) { this.limitTokens = limitTokens; }
  public String getWindow() { return window; }
  public void setWindow(String window) { this.window = window; }
}
