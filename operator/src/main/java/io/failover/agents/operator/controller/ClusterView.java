package io.failover.agents.operator.controller;

import io.fabric8.kubernetes.api.model.Secret;
import io.failover.agents.api.Agent;
import io.failover.agents.api.AgentType;
import io.failover.agents.core.policy.FailoverPolicy;
import io.failover.agents.operator.cluster.ClusterReads;
import io.failover.agents.operator.inputs.PolicyCache;
import io.failover.agents.operator.owned.OwnedLabels;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Read access to the operator's informer caches, for the intake and the read API. Made by the role's
 * wiring and filled when the controller starts; empty until then.
 */
public final class ClusterView implements ClusterReads {
  private final Set<String> namespaces;
  private final PolicyCache policies = new PolicyCache();
  private volatile IndexedResourceCache<Agent> agents;
  private volatile AgentEventSources sources;
  private final List<Consumer<Agent>> statusListeners = new CopyOnWriteArrayList<>();

  /** @param namespaces the namespaces the operator serves; empty for all */
  public ClusterView(Set<String> namespaces) {
    this.namespaces = Set.copyOf(namespaces);
  }

  private boolean served(String namespace) {
    return namespaces.isEmpty() || namespaces.contains(namespace);
  }

  void attach(IndexedResourceCache<Agent> agents, AgentEventSources sources) {
    this.agents = agents;
    this.sources = sources;
  }

  /** The effective policy of each AgentType version, read once. */
  public PolicyCache policies() {
    return policies;
  }

  @Override
  public Optional<Agent> agent(String namespace, String name) {
    return agents == null || !served(namespace) ? Optional.empty() : agents.get(new ResourceID(name, namespace));
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

  @Override
  public Optional<AgentType> agentType(String namespace, String name) {
    return sources == null || !served(namespace) ? Optional.empty() : sources.agentTypes.get(new ResourceID(name, namespace));
  }

  @Override
  public Optional<Secret> envSecret(Agent agent) {
    return sources == null ? Optional.empty()
        : sources.secret(agent.getMetadata().getNamespace(), OwnedLabels.envSecretName(agent.getMetadata().getName()));
  }

  @Override
  public Optional<FailoverPolicy> policy(AgentType type) {
    return policies.read(type).policy();
  }

  @Override
  public void onStatusCommitted(Consumer<Agent> listener) {
    statusListeners.add(listener);
  }

  /** The reconciler has committed this Agent's status (the API server's answer, with its new resourceVersion). */
  void statusCommitted(Agent committed) {
    statusListeners.forEach(listener -> listener.accept(committed));
  }
}
