package io.failover.agents.operator.reconcile;

import io.fabric8.kubernetes.api.model.Secret;
import io.failover.agents.api.Agent;
import io.failover.agents.api.AgentType;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Objects;
import java.util.Optional;

/** Read access to the operator's informer caches, for the intake API. Empty until the operator started. */
public final class ClusterView {
  private final PolicyCache policies = new PolicyCache();
  private volatile IndexedResourceCache<Agent> agents;
  private volatile AgentEventSources sources;

  void attach(IndexedResourceCache<Agent> agents, AgentEventSources sources) {
    this.agents = agents;
    this.sources = sources;
  }

  /** The effective policy of each AgentType version, read once. */
  public PolicyCache policies() {
    return policies;
  }

  public Optional<Agent> agent(String namespace, String name) {
    return agents == null ? Optional.empty() : agents.get(new ResourceID(name, namespace));
  }

  /** The highest outcome seq any cached Agent's status has applied; 0 before the cache is filled. */
  public long highestAppliedSeq() {
    IndexedResourceCache<Agent> cached = agents;
    if (cached == null) {
      return 0;
    }
    return cached.list()
        .map(Agent::getStatus)
        .filter(Objects::nonNull)
        .map(status -> status.getLastOutcomeSeq())
        .filter(Objects::nonNull)
        .mapToLong(Long::longValue)
        .max().orElse(0);
  }

  public Optional<AgentType> agentType(String namespace, String name) {
    return sources == null ? Optional.empty() : sources.agentTypes.get(new ResourceID(name, namespace));
  }

  public Optional<Secret> secret(String namespace, String name) {
    return sources == null ? Optional.empty() : sources.secret(namespace, name);
  }
}
