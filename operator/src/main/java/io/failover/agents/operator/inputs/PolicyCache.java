package io.failover.agents.operator.inputs;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.failover.agents.api.AgentType;
import io.failover.agents.core.spec.PolicyReader;
import io.failover.agents.core.spec.PolicyReading;

/**
 * The reading of each AgentType, kept per uid and resourceVersion: every report and every
 * reconcile asks for it, and it only changes when the AgentType does.
 */
public final class PolicyCache {
  private static final int MAX_ENTRIES = 10_000;

  private record Version(String uid, String resourceVersion) {}

  private final Cache<Version, PolicyReading> readings = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).build();

  public PolicyReading read(AgentType type) {
    String uid = type.getMetadata().getUid();
    String resourceVersion = type.getMetadata().getResourceVersion();
    if (uid == null || resourceVersion == null) {
      return PolicyReader.read(type.getSpec());
    }
    return readings.get(new Version(uid, resourceVersion), key -> PolicyReader.read(type.getSpec()));
  }
}
