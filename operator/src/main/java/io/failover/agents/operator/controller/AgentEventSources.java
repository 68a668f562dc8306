package io.failover.agents.operator.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.failover.agents.api.Agent;
import io.failover.agents.api.AgentType;
import io.failover.agents.api.AgentTypeSpec;
import io.failover.agents.operator.owned.OwnedLabels;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What wakes an Agent's reconcile: its AgentType, its owned env Secret and Deployment, the
 * credentials Secrets its AgentType names (a rotated key reaches every affected agent), and
 * committed outcomes. Only two kinds of Secret are watched (SPEC section 12): the operator's own, and
 * those labelled as provider credentials; the data of any other Secret is never held.
 */
public final class AgentEventSources {
  private static final String AGENTS_BY_TYPE = "agentsByType";
  private static final String TYPES_BY_SECRET = "typesBySecret";

  final InformerEventSource<AgentType, Agent> agentTypes;
  final InformerEventSource<Secret, Agent> secrets;
  final InformerEventSource<Secret, Agent> credentials;
  final InformerEventSource<Deployment, Agent> deployments;

  AgentEventSources(EventSourceContext<Agent> context) {
    IndexerResourceCache<Agent> agents = context.getPrimaryCache();
    agents.addIndexer(AGENTS_BY_TYPE, agent -> agent.getSpec() == null || agent.getSpec().getType() == null
        ? List.of() : List.of(key(agent.getMetadata().getNamespace(), agent.getSpec().getType())));

    agentTypes = new InformerEventSource<>(InformerEventSourceConfiguration.from(AgentType.class, Agent.class)
        .withName("agenttypes")
        .withSecondaryToPrimaryMapper(type -> agentsOfType(agents, type.getMetadata().getNamespace(),
            type.getMetadata().getName()))
        .withPrimaryToSecondaryMapper((Agent agent) -> agent.getSpec() == null || agent.getSpec().getType() == null
            ? Set.of() : Set.of(new ResourceID(agent.getSpec().getType(), agent.getMetadata().getNamespace())))
        .build(), context);
    agentTypes.addIndexer(TYPES_BY_SECRET, type -> credentialSecrets(type).stream()
        .map(secret -> key(type.getMetadata().getNamespace(), secret)).toList());

    secrets = new InformerEventSource<>(InformerEventSourceConfiguration.from(Secret.class, Agent.class)
        .withName("owned-secrets")
        .withLabelSelector(OwnedLabels.MANAGED_BY + "=" + OwnedLabels.MANAGED_BY_VALUE)
        .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(context.getPrimaryResourceClass()))
        .build(), context);
    credentials = new InformerEventSource<>(InformerEventSourceConfiguration.from(Secret.class, Agent.class)
        .withName("credential-secrets")
        .withLabelSelector(AgentType.CREDENTIALS_LABEL + "=true")
        .withSecondaryToPrimaryMapper(secret -> agentTypes.byIndex(TYPES_BY_SECRET,
                key(secret.getMetadata().getNamespace(), secret.getMetadata().getName())).stream()
            .flatMap(type -> agentsOfType(agents, type.getMetadata().getNamespace(), type.getMetadata().getName()).stream())
            .collect(Collectors.toSet()))
        .build(), context);

    deployments = new InformerEventSource<>(InformerEventSourceConfiguration.from(Deployment.class, Agent.class)
        .withName("deployments")
        .withLabelSelector(OwnedLabels.MANAGED_BY + "=" + OwnedLabels.MANAGED_BY_VALUE)
        .build(), context);
  }

  /** One of the operator's own Secrets (an env Secret), from its cache. */
  Optional<Secret> secret(String namespace, String name) {
    return secrets.get(new ResourceID(name, namespace));
  }

  /** A Secret labelled as provider credentials, from its cache. */
  Optional<Secret> credentials(String namespace, String name) {
    return credentials.get(new ResourceID(name, namespace));
  }

  Optional<Deployment> deployment(HasMetadata agent) {
    return deployments.get(ResourceID.fromResource(agent));
  }

  private static Set<ResourceID> agentsOfType(IndexedResourceCache<Agent> agents, String namespace, String type) {
    return agents.byIndex(AGENTS_BY_TYPE, key(namespace, type)).stream()
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  private static Set<String> credentialSecrets(AgentType type) {
    AgentTypeSpec spec = type.getSpec();
    Set<String> names = new HashSet<>();
    if (spec == null) {
      return names;
    }
    if (spec.getCredentialsSecretRef() != null) {
      names.add(spec.getCredentialsSecretRef().getName());
    }
    if (spec.getProviderChain() != null) {
      spec.getProviderChain().stream().filter(Objects::nonNull)
          .filter(entry -> entry.getCredentialsSecretRef() != null)
          .forEach(entry -> names.add(entry.getCredentialsSecretRef().getName()));
    }
    names.remove(null);
    return names;
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
