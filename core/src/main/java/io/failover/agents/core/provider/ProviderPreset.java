package io.failover.agents.core.provider;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The providers of SPEC section 5: their default base URL and whether they need an API key. */
public enum ProviderPreset {
  ANTHROPIC("anthropic", "https://api.anthropic.com", true),
  DEEPSEEK("deepseek", "https://api.deepseek.com/anthropic", true),
  OPENROUTER("openrouter", "https://openrouter.ai/api", true),
  OLLAMA("ollama", null, false),
  OPENAI("openai", "https://api.openai.com/v1", true),
  CUSTOM("custom", null, false);

  private final String wireName;
  private final String defaultBaseUrl;
  private final boolean needsCredentials;

  ProviderPreset(String wireName, String defaultBaseUrl, boolean needsCredentials) {
    this.wireName = wireName;
    this.defaultBaseUrl = defaultBaseUrl;
    this.needsCredentials = needsCredentials;
  }

  public String wireName() {
    return wireName;
  }

  /** Empty for presets whose base URL the AgentType must give. */
  public Optional<String> defaultBaseUrl() {
    return Optional.ofNullable(defaultBaseUrl);
  }

  public boolean needsCredentials() {
    return needsCredentials;
  }

  public boolean needsBaseUrl() {
    return defaultBaseUrl == null;
  }

  private static final Map<String, ProviderPreset> BY_WIRE_NAME = Arrays.stream(values())
      .collect(Collectors.toUnmodifiableMap(ProviderPreset::wireName, preset -> preset));

  public static Optional<ProviderPreset> fromWireName(String name) {
    return name == null ? Optional.empty() : Optional.ofNullable(BY_WIRE_NAME.get(name));
  }

  public static String wireNames() {
    return String.join(", ", Arrays.stream(values()).map(ProviderPreset::wireName).toList());
  }
}
