package io.failover.agents.core.provider;

import io.failover.agents.core.AgentRef;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The environment of an agent on one tier (SPEC section 5): the common keys, the keys each preset's
 * usual client reads, and the tier's extra env, and nothing from any other tier.
 */
public final class AgentEnv {
  public static final String AGENT_NAME = "AGENT_NAME";
  public static final String AGENT_NAMESPACE = "AGENT_NAMESPACE";
  public static final String AGENT_TIER = "AGENT_TIER";
  public static final String AGENT_PROVIDER = "AGENT_PROVIDER";
  public static final String AGENT_MODEL = "AGENT_MODEL";
  public static final String AGENT_BASE_URL = "AGENT_BASE_URL";
  public static final String AGENT_API_KEY = "AGENT_API_KEY";
  public static final String FAILOVER_REPORT_URL = "FAILOVER_REPORT_URL";
  public static final String FAILOVER_REPORT_TOKEN = "FAILOVER_REPORT_TOKEN";
  static final String ANTHROPIC_API_KEY = "ANTHROPIC_API_KEY";
  static final String ANTHROPIC_AUTH_TOKEN = "ANTHROPIC_AUTH_TOKEN";
  static final String ANTHROPIC_BASE_URL = "ANTHROPIC_BASE_URL";
  static final String ANTHROPIC_MODEL = "ANTHROPIC_MODEL";
  static final String OPENAI_API_KEY = "OPENAI_API_KEY";
  static final String OPENAI_BASE_URL = "OPENAI_BASE_URL";
  static final String OPENAI_MODEL = "OPENAI_MODEL";
  private static final Set<String> COMMON = Set.of(AGENT_NAME, AGENT_NAMESPACE, AGENT_TIER, AGENT_PROVIDER,
      AGENT_MODEL, AGENT_BASE_URL, AGENT_API_KEY, FAILOVER_REPORT_URL, FAILOVER_REPORT_TOKEN);

  private AgentEnv() {}

  /**
   * @param agent the agent's namespace and name
   * @param tierNumber the 1-based tier
   * @param apiKey the value behind the tier's credentials, if it has any
   * @param reportUrl the full outcomes URL of this agent
   */
  public static Map<String, String> forTier(AgentRef agent, int tierNumber, ProviderTier tier,
      Optional<String> apiKey, String reportUrl, String reportToken) {
    Map<String, String> env = new LinkedHashMap<>(tier.env());
    env.put(AGENT_NAME, agent.name());
    env.put(AGENT_NAMESPACE, agent.namespace());
    env.put(AGENT_TIER, Integer.toString(tierNumber));
    env.put(AGENT_PROVIDER, tier.provider().wireName());
    env.put(AGENT_MODEL, tier.model());
    env.put(AGENT_BASE_URL, tier.baseUrl());
    apiKey.ifPresent(key -> env.put(AGENT_API_KEY, key));
    env.put(FAILOVER_REPORT_URL, reportUrl);
    env.put(FAILOVER_REPORT_TOKEN, reportToken);
    presetKeys(tier, apiKey.orElse(""), env);
    return env;
  }

  /** Keys the operator sets on a tier of this provider, which the tier's own env may not override. */
  public static Set<String> setByOperator(ProviderPreset preset) {
    Set<String> keys = new HashSet<>(COMMON);
    keys.addAll(switch (preset) {
      case ANTHROPIC -> Set.of(ANTHROPIC_API_KEY, ANTHROPIC_MODEL, ANTHROPIC_BASE_URL);
      case DEEPSEEK, OPENROUTER, OLLAMA -> Set.of(ANTHROPIC_BASE_URL, ANTHROPIC_AUTH_TOKEN, ANTHROPIC_MODEL);
      case OPENAI -> Set.of(OPENAI_BASE_URL, OPENAI_API_KEY, OPENAI_MODEL);
      case CUSTOM -> Set.<String>of();
    });
    return Set.copyOf(keys);
  }

  private static void presetKeys(ProviderTier tier, String apiKey, Map<String, String> env) {
    switch (tier.provider()) {
      case ANTHROPIC -> {
        env.put(ANTHROPIC_API_KEY, apiKey);
        env.put(ANTHROPIC_MODEL, tier.model());
        // a proxy or gateway in front of Anthropic only reaches the client through this variable
        tier.provider().defaultBaseUrl().filter(url -> !url.equals(tier.baseUrl()))
            .ifPresent(defaultUrl -> env.put(ANTHROPIC_BASE_URL, tier.baseUrl()));
      }
      case DEEPSEEK, OPENROUTER -> anthropicCompatible(tier, apiKey, env);
      case OLLAMA -> anthropicCompatible(tier, "ollama", env);
      case OPENAI -> {
        env.put(OPENAI_BASE_URL, tier.baseUrl());
        env.put(OPENAI_API_KEY, apiKey);
        env.put(OPENAI_MODEL, tier.model());
      }
      case CUSTOM -> { }
    }
  }

  private static void anthropicCompatible(ProviderTier tier, String token, Map<String, String> env) {
    env.put(ANTHROPIC_BASE_URL, tier.baseUrl());
    env.put(ANTHROPIC_AUTH_TOKEN, token);
    env.put(ANTHROPIC_MODEL, tier.model());
  }
}
