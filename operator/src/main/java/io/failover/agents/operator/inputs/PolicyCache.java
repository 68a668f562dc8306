package io.failover.agents.operator.reconcile;

import io.failover.agents.api.AgentTypeSpec;
import io.failover.agents.core.spec.PolicyReader;
import io.failover.agents.core.spec.PolicyReading;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reading of each AgentType, kept per uid and resourceVersion: every report and every
 * reconcile asks for it, and it only changes when the AgentType does.
 */
public final class PolicyCache {
  private static final int MAX_ENTRIES = 10_000;

  private record Key(String uid, String resourceVersion) {}

  private final Map<Key, PolicyReading> readings = new ConcurrentHashMap<>();

  public PolicyReading read(String uid, String resourceVersion, AgentTypeSpec spec) {
    if (uid == null || resourceVersion == null) {
      return PolicyReader.read(spec);
    }
    if (readings.size() > MAX_ENTRIES) {
      readings.clear();
    }
    return readings.computeIfAbsent(new Key(uid, resourceVersion), key -> PolicyReader.read(spec));
  }
}
