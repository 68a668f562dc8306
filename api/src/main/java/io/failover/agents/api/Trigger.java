package io.failover.agents.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Failure kinds a failover policy may treat as a reason to step down a tier (schema enum only). */
public enum Trigger {
  @JsonProperty("auth") AUTH,
  @JsonProperty("quota") QUOTA,
  @JsonProperty("rateLimit") RATE_LIMIT,
  @JsonProperty("serverError") SERVER_ERROR,
  @JsonProperty("tokenBudget") TOKEN_BUDGET
}
