package io.failover.agents.dashboard.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.failover.agents.api.Agent;
import io.failover.agents.api.AgentType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One set of informers on Agents and AgentTypes, listed once and then watched. A generation that
 * missed events (a reconnect, a periodic resync) is replaced by a fresh one, which lists again.
 * Informers retry a failed list or watch for ever instead of stopping, so an API server that is
 * down when the dashboard starts only delays it.
 *
 * <p>AgentTypes are watched as generic resources so that fields the api module does not model yet
 * (spec.switchMode) can still be shown.
 */
final class WatchGeneration implements AutoCloseable {
  static final ResourceDefinitionContext AGENT_TYPES = new ResourceDefinitionContext.Builder()
      .withGroup(AgentType.GROUP).withVersion(AgentType.VERSION).withKind("AgentType").withPlural("agenttypes")
      .withNamespaced(true).build();

  /** What a generation reports to its owner; calls arrive on the informers' threads. */
  interface Listener {
    void agentChanged(WatchGeneration source, Agent agent);

    void agentDeleted(WatchGeneration source, Agent agent);

    void typeChanged(WatchGeneration source, GenericKubernetesResource type);

    void typeDeleted(WatchGeneration source, GenericKubernetesResource type);

    void failed(Throwable failure);
  }

  private final List<SharedIndexInformer<Agent>> agents = new ArrayList<>();
  private final List<SharedIndexInformer<GenericKubernetesResource>> agentTypes = new ArrayList<>();

  WatchGeneration(KubernetesClient client, Set<String> namespaces, Listener listener) {
    if (namespaces.isEmpty()) {
      agents.add(client.resources(Agent.class).inAnyNamespace().runnableInformer(0));
      agentTypes.add(client.genericKubernetesResources(AGENT_TYPES).inAnyNamespace().runnableInformer(0));
    } else {
      for (String namespace : namespaces) {
        agents.add(client.resources(Agent.class).inNamespace(namespace).runnableInformer(0));
        agentTypes.add(client.genericKubernetesResources(AGENT_TYPES).inNamespace(namespace).runnableInformer(0));
      }
    }
    agents.forEach(informer -> informer.addEventHandler(handler(
        agent -> listener.agentChanged(this, agent), agent -> listener.agentDeleted(this, agent))));
    agentTypes.forEach(informer -> informer.addEventHandler(handler(
        type -> listener.typeChanged(this, type), type -> listener.typeDeleted(this, type))));
    informers().forEach(informer -> informer.exceptionHandler((started, failure) -> {
      listener.failed(failure);
      return true;
    }));
  }

  WatchGeneration start() {
    informers().forEach(SharedIndexInformer::start);
    return this;
  }

  /** Listed and watching: what it holds is the cluster as it is. */
  boolean synced() {
    return informers().allMatch(informer -> informer.hasSynced() && informer.isWatching());
  }

  /** An informer stopped for good (it does not retry any more): only a new generation helps. */
  boolean stopped() {
    return informers().anyMatch(informer -> informer.stopped().toCompletableFuture().isDone());
  }

  Optional<Agent> agent(String key) {
    return find(agents, key);
  }

  Optional<GenericKubernetesResource> agentType(String key) {
    return find(agentTypes, key);
  }

  List<Agent> agents() {
    return all(agents);
  }

  List<GenericKubernetesResource> agentTypes() {
    return all(agentTypes);
  }

  private Stream<SharedIndexInformer<? extends HasMetadata>> informers() {
    return Stream.concat(agents.stream(), agentTypes.stream());
  }

  private static <T> Optional<T> find(List<SharedIndexInformer<T>> informers, String key) {
    for (SharedIndexInformer<T> informer : informers) {
      T found = informer.getStore().getByKey(key);
      if (found != null) {
        return Optional.of(found);
      }
    }
    return Optional.empty();
  }

  private static <T> List<T> all(List<SharedIndexInformer<T>> informers) {
    List<T> objects = new ArrayList<>();
    informers.forEach(informer -> objects.addAll(informer.getStore().list()));
    return objects;
  }

  private static <T> ResourceEventHandler<T> handler(Consumer<T> changed, Consumer<T> deleted) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T object) {
        changed.accept(object);
      }

      @Override
      public void onUpdate(T before, T after) {
        changed.accept(after);
      }

      @Override
      public void onDelete(T object, boolean finalStateUnknown) {
        deleted.accept(object);
      }
    };
  }

  @Override
  public void close() {
    informers().forEach(SharedIndexInformer::close);
  }
}
