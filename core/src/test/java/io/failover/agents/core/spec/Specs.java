package io.failover.agents.core.spec;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.failover.agents.api.AgentTypeSpec;
import io.failover.agents.core.policy.FailoverPolicy;

/** AgentType specs for tests, written as the YAML a user would apply. */
public final class Specs {
  public static final String TEMPLATE = """
      template:
        spec:
          containers:
          - name: agent
            image: example.com/agent:1
      """;

  /** anthropic -> deepseek -> ollama, the chain of SPEC section 2. */
  public static final String THREE_TIERS = """
      providerChain:
      - provider: anthropic
        model: claude-sonnet-4-5
        credentialsSecretRef: {name: anthropic-key, key: api-key}
      - provider: deepseek
        model: deepseek-chat
        credentialsSecretRef: {name: deepseek-key, key: api-key}
      - provider: ollama
        model: qwen3-coder
        baseUrl: http://ollama.ollama:11434
      """;

  private Specs() {}

  /** The spec, with a valid pod template added unless the YAML has its own. */
  public static AgentTypeSpec spec(String yaml) {
    String full = yaml.contains("template:") ? yaml : yaml + TEMPLATE;
    return Serialization.unmarshal(full, AgentTypeSpec.class);
  }

  public static FailoverPolicy policy(String yaml) {
    PolicyReading reading = PolicyReader.read(spec(yaml));
    if (!reading.valid()) {
      throw new AssertionError("test spec is invalid: " + reading.problems());
    }
    return reading.policy().orElseThrow();
  }
}
