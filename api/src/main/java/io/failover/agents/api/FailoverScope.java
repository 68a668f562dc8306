package io.failover.agents.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Who shares what is learnt about a provider (schema enum only, SPEC section 10). */
public enum FailoverScope {
  @JsonProperty("Agent") AGENT,
  @JsonProperty("Type") TYPE
}
