package io.failover.agents.operator.status;

import static io.failover.agents.operator.kubernetes.KubernetesJson.SERIALIZATION;

import com.fasterxml.jackson.databind.JsonNode;

/** Whether a freshly built status says exactly what the stored one says, so that nothing is written. */
public final class StatusComparison {
  private StatusComparison() {}

  public static boolean same(Object stored, Object built) {
    if (stored == null) {
      return built == null;
    }
    JsonNode a = SERIALIZATION.convertValue(stored, JsonNode.class);
    JsonNode b = SERIALIZATION.convertValue(built, JsonNode.class);
    return a.equals(b);
  }
}
