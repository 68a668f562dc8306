package io.failover.agents.operator.cluster;

import io.fabric8.kubernetes.api.model.Secret;
import io.failover.agents.api.Agent;
import io.failover.agents.api.AgentType;
import io.failover.agents.core.policy.FailoverPolicy;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the HTTP doorways (intake, read and action APIs) read about the cluster: the operator's informer
 * caches of the namespaces it serves, which the controller fills. Injected by the role's wiring, so that
 * no doorway knows a reconciler.
 */
public interface ClusterReads {
  Optional<Agent> agent(String namespace, String name);

  Optional<AgentType> agentType(String namespace, String name);

  /** The agent's env Secret, which holds its report token. */
  Optional<Secret> envSecret(Agent agent);

  /** The effective policy of an AgentType, if it is valid. */
  Optional<FailoverPolicy> policy(AgentType type);

  /** Calls the listener with each Agent just after the operator committed a new status for it. */
  void onStatusCommitted(Consumer<Agent> listener);

  default Optional<FailoverPolicy> policy(String namespace, String agentType) {
    return agentType(namespace, agentType).flatMap(this::policy);
  }
}
