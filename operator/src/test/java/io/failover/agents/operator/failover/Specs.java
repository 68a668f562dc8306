package io.failover.agents.operator.failover;

import io.failover.agents.api.AgentTypeSpec;
import io.failover.agents.operator.testing.RunningOperator;
import io.fabric8.kubernetes.client.utils.Serialization;

/** AgentType specs for tests, written as the YAML a user would apply. */
final class Specs {
  static final String TEMPLATE = """
      template:
        spec:
          containers:
          - name: agent
            image: example.com/agent:1
      """;

  static final String THREE_TIERS = RunningOperator.THREE_TIER_CHAIN;

  private Specs() {}

  /** The spec, with a valid pod template added unless the YAML has its own. */
  static AgentTypeSpec spec(String yaml) {
    String full = yaml.contains("template:") ? yaml : yaml + TEMPLATE;
    return Serialization.unmarshal(full, AgentTypeSpec.class);
  }

  static FailoverPolicy policy(String yaml) {
    PolicyReading reading = PolicyReader.read(spec(yaml));
    if (!reading.valid()) {
      throw new AssertionError("test spec is invalid: " + reading.problems());
    }
    return reading.policy().orElseThrow();
  }
}
