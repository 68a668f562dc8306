package io.failover.agents.core.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.failover.agents.core.AgentRef;
import io.failover.agents.core.policy.FailoverPolicy;
import io.failover.agents.core.spec.Specs;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The env Secret's contents for each preset (SPEC section 5). */
class AgentEnvTest {
  static final AgentRef AGENT = new AgentRef("agents", "coder-1");
  static final String REPORT_URL = "http://operator:8080/api/v1/namespaces/agents/agents/coder-1/outcomes";

  static Map<String, String> env(String chainYaml, int tier, Optional<String> apiKey) {
    FailoverPolicy policy = Specs.policy(chainYaml);
    return AgentEnv.forTier(AGENT, tier, policy.tier(tier), apiKey, REPORT_URL, "token-123");
  }

  static Map<String, String> common(int tier, String provider, String model, String baseUrl) {
    return Map.of(
        "AGENT_NAME", "coder-1",
        "AGENT_NAMESPACE", "agents",
        "AGENT_TIER", Integer.toString(tier),
        "AGENT_PROVIDER", provider,
        "AGENT_MODEL", model,
        "AGENT_BASE_URL", baseUrl,
        "FAILOVER_REPORT_URL", REPORT_URL,
        "FAILOVER_REPORT_TOKEN", "token-123");
  }

  @Test
  void anthropicSetsItsApiKeyAndModel() {
    assertThat(env(Specs.THREE_TIERS, 1, Optional.of("sk-ant")))
        .containsAllEntriesOf(common(1, "anthropic", "claude-sonnet-4-5", "https://api.anthropic.com"))
        .contains(entry("AGENT_API_KEY", "sk-ant"), entry("ANTHROPIC_API_KEY", "sk-ant"),
            entry("ANTHROPIC_MODEL", "claude-sonnet-4-5"))
        .hasSize(11);
  }

  @Test
  void anthropicBehindAGatewayAlsoGetsTheBaseUrlItsClientReads() {
    assertThat(env("""
        providerChain:
        - {provider: anthropic, model: m, credentialsSecretRef: {name: k, key: api-key}, baseUrl: "https://gw.example.com/"}
        """, 1, Optional.of("sk"))).contains(entry("ANTHROPIC_BASE_URL", "https://gw.example.com"));
  }

  @Test
  void deepseekIsReachedThroughItsAnthropicCompatibleEndpoint() {
    assertThat(env(Specs.THREE_TIERS, 2, Optional.of("sk-ds")))
        .containsAllEntriesOf(common(2, "deepseek", "deepseek-chat", "https://api.deepseek.com/anthropic"))
        .contains(entry("AGENT_API_KEY", "sk-ds"), entry("ANTHROPIC_BASE_URL", "https://api.deepseek.com/anthropic"),
            entry("ANTHROPIC_AUTH_TOKEN", "sk-ds"), entry("ANTHROPIC_MODEL", "deepseek-chat"))
        .hasSize(12)
        .doesNotContainKey("ANTHROPIC_API_KEY");
  }

  @Test
  void openrouterUsesItsAnthropicCompatibleEndpoint() {
    assertThat(env("providerChain:\n- {provider: openrouter, model: x/y, credentialsSecretRef: {name: k, key: api-key}}\n",
        1, Optional.of("sk-or")))
        .contains(entry("ANTHROPIC_BASE_URL", "https://openrouter.ai/api"), entry("ANTHROPIC_AUTH_TOKEN", "sk-or"),
            entry("ANTHROPIC_MODEL", "x/y"), entry("AGENT_BASE_URL", "https://openrouter.ai/api"));
  }

  @Test
  void ollamaGetsAFixedAuthTokenAndNoApiKey() {
    assertThat(env(Specs.THREE_TIERS, 3, Optional.empty()))
        .containsAllEntriesOf(common(3, "ollama", "qwen3-coder", "http://ollama.ollama:11434"))
        .contains(entry("ANTHROPIC_BASE_URL", "http://ollama.ollama:11434"), entry("ANTHROPIC_AUTH_TOKEN", "ollama"),
            entry("ANTHROPIC_MODEL", "qwen3-coder"))
        .doesNotContainKey("AGENT_API_KEY")
        .hasSize(11);
  }

  @Test
  void openaiSetsTheVariablesOpenAiClientsRead() {
    assertThat(env("providerChain:\n- {provider: openai, model: gpt-5, credentialsSecretRef: {name: k, key: api-key}}\n",
        1, Optional.of("sk-oa")))
        .contains(entry("OPENAI_BASE_URL", "https://api.openai.com/v1"), entry("OPENAI_API_KEY", "sk-oa"),
            entry("OPENAI_MODEL", "gpt-5"), entry("AGENT_API_KEY", "sk-oa"))
        .hasSize(12);
  }

  @Test
  void customSetsNothingBeyondTheCommonKeysAndItsOwnEnv() {
    Map<String, String> expected = new java.util.HashMap<>(common(1, "custom", "m", "https://llm.example.com"));
    expected.put("MY_FLAG", "on");

    assertThat(env("""
        providerChain:
        - {provider: custom, model: m, baseUrl: "https://llm.example.com", env: {MY_FLAG: "on"}}
        """, 1, Optional.empty())).isEqualTo(expected);
  }

  @Test
  void onlyTheActiveTiersExtraEnvIsPresent() {
    String chain = """
        providerChain:
        - {provider: anthropic, model: a, credentialsSecretRef: {name: k, key: api-key}, env: {TIER_ONE_ONLY: "1"}}
        - {provider: ollama, model: b, baseUrl: "http://ollama:11434", env: {TIER_TWO_ONLY: "2"}}
        """;

    assertThat(env(chain, 1, Optional.of("sk"))).containsEntry("TIER_ONE_ONLY", "1").doesNotContainKey("TIER_TWO_ONLY");
    assertThat(env(chain, 2, Optional.empty())).containsEntry("TIER_TWO_ONLY", "2").doesNotContainKey("TIER_ONE_ONLY");
  }
}
