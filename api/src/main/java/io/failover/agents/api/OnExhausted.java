package io.failover.agents.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What happens when the last tier fails (schema enum only). */
public enum OnExhausted {
  @JsonProperty("Pause") PAUSE,
  @JsonProperty("Wrap") WRAP
}
