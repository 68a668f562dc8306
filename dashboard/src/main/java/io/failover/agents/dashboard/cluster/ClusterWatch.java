package io.failover.agents.dashboard.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.failover.agents.api.Agent;
import io.failover.agents.api.AgentType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The Agents and AgentTypes of the cluster, as informers see them, rendered once per object version
 * into the JSON items the page and scripts read, and announced to live subscribers when they change.
 */
public final class ClusterWatch implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A change for the live stream: the event name and its JSON data. */
  public record Change(String event, String namespace, String json) {}

  private record Rendered(String resourceVersion, String typeVersion, String json) {}

  private final List<SharedIndexInformer<Agent>> agents = new ArrayList<>();
  private final List<SharedIndexInformer<AgentType>> agentTypes = new ArrayList<>();
  private final Map<String, Rendered> renderedAgents = new ConcurrentHashMap<>();
  private final Map<String, Rendered> renderedTypes = new ConcurrentHashMap<>();
  private final List<Consumer<Change>> subscribers = new CopyOnWriteArrayList<>();

  /** @param namespaces the namespaces to watch; empty for all (which needs cluster-wide list and watch) */
  private ClusterWatch(KubernetesClient client, Set<String> namespaces) {
    if (namespaces.isEmpty()) {
      agents.add(client.resources(Agent.class).inAnyNamespace().runnableInformer(0));
      agentTypes.add(client.resources(AgentType.class).inAnyNamespace().runnableInformer(0));
    } else {
      for (String namespace : namespaces) {
        agents.add(client.resources(Agent.class).inNamespace(namespace).runnableInformer(0));
        agentTypes.add(client.resources(AgentType.class).inNamespace(namespace).runnableInformer(0));
      }
    }
    agents.forEach(informer -> informer.addEventHandler(handler(this::agentChanged, this::agentDeleted)));
    agentTypes.forEach(informer -> informer.addEventHandler(handler(this::typeChanged, this::typeDeleted)));
  }

  public static ClusterWatch start(KubernetesClient client, Set<String> namespaces) {
    ClusterWatch watch = new ClusterWatch(client, namespaces);
    watch.agents.forEach(SharedIndexInformer::start);
    watch.agentTypes.forEach(SharedIndexInformer::start);
    return watch;
  }

  public boolean synced() {
    return Stream.concat(agents.stream(), agentTypes.stream()).allMatch(i -> i.hasSynced() && i.isWatching());
  }

  public void subscribe(Consumer<Change> subscriber) {
    subscribers.add(subscriber);
  }

  public void unsubscribe(Consumer<Change> subscriber) {
    subscribers.remove(subscriber);
  }

  public Optional<Agent> agent(String namespace, String name) {
    return find(agents, namespace + "/" + name);
  }

  public Optional<AgentType> agentType(String namespace, String name) {
    return find(agentTypes, namespace + "/" + name);
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

  /** Every agent's JSON item, sorted by namespace and name. */
  public List<Item> agentItems() {
    return items(all(agents), this::agentJson);
  }

  public List<Item> agentTypeItems() {
    return items(all(agentTypes), this::typeJson);
  }

  /** A rendered JSON item and the namespace it belongs to (for permission filtering). */
  public record Item(String namespace, String json) {}

  private <R extends HasMetadata> List<Item> items(List<R> objects, Function<R, String> render) {
    List<R> sorted = new ArrayList<>(objects);
    sorted.sort(Comparator.comparing((R r) -> r.getMetadata().getNamespace()).thenComparing(r -> r.getMetadata().getName()));
    List<Item> items = new ArrayList<>(sorted.size());
    for (R object : sorted) {
      items.add(new Item(object.getMetadata().getNamespace(), render.apply(object)));
    }
    return items;
  }

  private String agentJson(Agent agent) {
    Optional<AgentType> type = agent.getSpec() == null || agent.getSpec().getType() == null ? Optional.empty()
        : agentType(agent.getMetadata().getNamespace(), agent.getSpec().getType());
    String typeVersion = type.map(t -> t.getMetadata().getResourceVersion()).orElse("");
    String key = agent.getMetadata().getNamespace() + "/" + agent.getMetadata().getName();
    Rendered cached = renderedAgents.get(key);
    if (cached != null && cached.resourceVersion().equals(agent.getMetadata().getResourceVersion())
        && cached.typeVersion().equals(typeVersion)) {
      return cached.json();
    }
    String json = write(ItemViews.agent(agent, type));
    renderedAgents.put(key, new Rendered(agent.getMetadata().getResourceVersion(), typeVersion, json));
    return json;
  }

  private String typeJson(AgentType type) {
    String key = type.getMetadata().getNamespace() + "/" + type.getMetadata().getName();
    Rendered cached = renderedTypes.get(key);
    if (cached != null && cached.resourceVersion().equals(type.getMetadata().getResourceVersion())) {
      return cached.json();
    }
    String json = write(ItemViews.agentType(type));
    renderedTypes.put(key, new Rendered(type.getMetadata().getResourceVersion(), "", json));
    return json;
  }

  private void agentChanged(Agent agent) {
    publish(new Change("agent", agent.getMetadata().getNamespace(), agentJson(agent)));
  }

  private void agentDeleted(Agent agent) {
    renderedAgents.remove(agent.getMetadata().getNamespace() + "/" + agent.getMetadata().getName());
    publish(new Change("agent-deleted", agent.getMetadata().getNamespace(), reference(agent)));
  }

  private void typeChanged(AgentType type) {
    publish(new Change("agenttype", type.getMetadata().getNamespace(), typeJson(type)));
    // the agents of this type show its chain
    for (Agent agent : all(agents)) {
      if (agent.getMetadata().getNamespace().equals(type.getMetadata().getNamespace()) && agent.getSpec() != null
          && type.getMetadata().getName().equals(agent.getSpec().getType())) {
        agentChanged(agent);
      }
    }
  }

  private void typeDeleted(AgentType type) {
    renderedTypes.remove(type.getMetadata().getNamespace() + "/" + type.getMetadata().getName());
    publish(new Change("agenttype-deleted", type.getMetadata().getNamespace(), reference(type)));
  }

  private void publish(Change change) {
    subscribers.forEach(subscriber -> subscriber.accept(change));
  }

  private static String reference(HasMetadata object) {
    return write(Map.of("namespace", object.getMetadata().getNamespace(), "name", object.getMetadata().getName()));
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
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
    agents.forEach(SharedIndexInformer::close);
    agentTypes.forEach(SharedIndexInformer::close);
  }
}
