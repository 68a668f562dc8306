package io.failover.agents.operator.owned;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.failover.agents.api.Agent;
import io.failover.agents.api.AgentType;
import java.util.Map;

/** Names, labels and the owner reference of what the operator creates for an Agent. */
public final class OwnedLabels {
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGED_BY_VALUE = "agent-failover-operator";
  public static final String AGENT_LABEL = AgentType.GROUP + "/agent";
  public static final String ENV_HASH_ANNOTATION = AgentType.GROUP + "/env-hash";

  private OwnedLabels() {}

  public static String envSecretName(String agentName) {
    return agentName + "-provider-env";
  }

  /** The PerTask Secret with every tier's env file (SPEC section 9). */
  public static String tiersSecretName(String agentName) {
    return agentName + "-provider-tiers";
  }

  /** Labels every owned object carries; the agent label also selects the Deployment's pods. */
  public static Map<String, String> of(Agent agent) {
    return Map.of(MANAGED_BY, MANAGED_BY_VALUE, AGENT_LABEL, agent.getMetadata().getName());
  }

  public static Map<String, String> podSelector(Agent agent) {
    return Map.of(AGENT_LABEL, agent.getMetadata().getName());
  }

  public static OwnerReference ownerReference(Agent agent) {
    return new OwnerReferenceBuilder()
        .withApiVersion(agent.getApiVersion())
        .withKind(agent.getKind())
        .withName(agent.getMetadata().getName())
        .withUid(agent.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }
}
