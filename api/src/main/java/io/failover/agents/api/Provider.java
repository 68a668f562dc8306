package io.failover.agents.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The provider presets of SPEC section 5. The spec classes keep the provider as a string so that an
 * unknown value reaches the operator's validation (and a status message) instead of failing
 * deserialization; this enum only supplies the schema's {@code enum} and the known names.
 */
public enum Provider {
  @JsonProperty("anthropic") ANTHROPIC,
  @JsonProperty("deepseek") DEEPSEEK,
  @JsonProperty("openrouter") OPENROUTER,
  @JsonProperty("ollama") OLLAMA,
  @JsonProperty("openai") OPENAI,
  @JsonProperty("custom") CUSTOM
}
