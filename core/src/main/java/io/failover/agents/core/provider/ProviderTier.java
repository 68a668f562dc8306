package io.failover.agents.core.provider;

import java.util.Map;
import java.util.Optional;

/**
 * One validated tier of an effective policy.
 *
 * @param baseUrl the effective base URL (the override or the preset's), without a trailing slash
 * @param credentials where the API key lives, empty for providers that need none
 * @param env the tier's extra non-secret environment
 */
public record ProviderTier(
    ProviderPreset provider, String model, String baseUrl, Optional<CredentialsRef> credentials, Map<String, String> env) {

  public ProviderTier {
    env = Map.copyOf(env);
  }

  /** A key in a Secret of the AgentType's namespace. */
  public record CredentialsRef(String secretName, String key) {}
}
