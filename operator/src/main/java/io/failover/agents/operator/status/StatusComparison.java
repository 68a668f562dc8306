package io.failover.agents.operator.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** Whether a freshly built status says exactly what the stored one says, so that nothing is written. */
final class StatusComparison {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private StatusComparison() {}

  static boolean same(Object stored, Object built) {
    if (stored == null) {
      return built == null;
    }
    JsonNode a = SERIALIZATION.convertValue(stored, JsonNode.class);
    JsonNode b = SERIALIZATION.convertValue(built, JsonNode.class);
    return a.equals(b);
  }
}
