package io.failover.agents.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How an agent changes tier (SPEC section 9): Restart rewrites the env Secret and rolls the pod;
 * PerTask keeps the pod and lets the agent kit load the next tier before each task (schema enum only).
 */
public enum SwitchMode {
  @JsonProperty("Restart") RESTART,
  @JsonProperty("PerTask") PER_TASK
}
