package io.failover.agents.dashboard.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.failover.agents.api.Agent;
import io.failover.agents.api.AgentType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Agents and AgentTypes of the cluster, as informers see them, served as the JSON items the page
 * and scripts read ({@link ItemRenderer}), and announced to live subscribers when they change.
 *
 * <p>It keeps itself true: a watch that dropped (an API server restart, a network cut) is followed
 * by a fresh list once the API server answers again, and so is every {@link Timing#resync()}; what
 * the fresh list shows differently is announced like any change. While the watches cannot run for
 * longer than {@link Timing#deadAfter()} the role reports itself not alive, so Kubernetes restarts it.
 */
public final class ClusterWatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterWatch.class);
  private static final Duration LIST_TIMEOUT = Duration.ofSeconds(30);

  /**
   * @param check how often the watches' health is looked at
   * @param resync how often everything is listed again even when no drop was seen
   * @param deadAfter how long the watches may be down before liveness fails
   */
  public record Timing(Duration check, Duration resync, Duration deadAfter) {
    // checked faster than a watch reconnects (fabric8 waits 1 s at least), so a drop is always seen
    public static final Timing DEFAULT = new Timing(Duration.ofMillis(250), Duration.ofMinutes(5), Duration.ofMinutes(3));
  }

  /** A change for the live stream: the event name and its JSON data. */
  public record Change(String event, String namespace, String json) {}

  /** A rendered JSON item and the namespace it belongs to (for permission filtering). */
  public record Item(String namespace, String json) {}

  private final KubernetesClient client;
  private final Set<String> namespaces;
  private final Timing timing;
  private final Clock clock;
  private final ItemRenderer render;
  private final List<Consumer<Change>> subscribers = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService supervisor;
  private final WatchGeneration.Listener listener = new Forwarder();
  private volatile WatchGeneration current;
  private volatile Instant unhealthySince;
  private volatile Instant lastListed;
  private volatile boolean everSynced;
  private volatile boolean missedEvents;
  private volatile String lastFailure = "";
  private volatile boolean closed;

  private ClusterWatch(KubernetesClient client, Set<String> namespaces, Timing timing, Clock clock) {
    this.client = client;
    this.namespaces = Set.copyOf(namespaces);
    this.timing = timing;
    this.clock = clock;
    this.render = new ItemRenderer(client.getKubernetesSerialization());
    this.unhealthySince = clock.instant();
    this.lastListed = clock.instant();
    this.supervisor = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "dashboard-watch-supervisor");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** @param namespaces the namespaces to watch; empty for all (which needs cluster-wide list and watch) */
  public static ClusterWatch start(KubernetesClient client, Set<String> namespaces) {
    return start(client, namespaces, Timing.DEFAULT, Clock.systemUTC());
  }

  public static ClusterWatch start(KubernetesClient client, Set<String> namespaces, Timing timing, Clock clock) {
    ClusterWatch watch = new ClusterWatch(client, namespaces, timing, clock);
    WatchGeneration first = new WatchGeneration(client, watch.namespaces, watch.listener);
    watch.current = first;
    first.start();
    long period = timing.check().toMillis();
    watch.supervisor.scheduleWithFixedDelay(watch::supervise, period, period, TimeUnit.MILLISECONDS);
    return watch;
  }

  /** Listed and watching: readiness. */
  public boolean synced() {
    return current.synced();
  }

  /** False once the watches have been down for longer than {@link Timing#deadAfter()}: liveness. */
  public boolean alive() {
    Instant since = unhealthySince;
    return since == null || !clock.instant().isAfter(since.plus(timing.deadAfter()));
  }

  /** Why the watches are not running, in words, or empty while they are. */
  public String problem() {
    if (synced()) {
      return "";
    }
    return lastFailure.isEmpty() ? "the watches on the Kubernetes API are starting"
        : "the Kubernetes API cannot be watched: " + lastFailure;
  }

  public void subscribe(Consumer<Change> subscriber) {
    subscribers.add(subscriber);
  }

  public void unsubscribe(Consumer<Change> subscriber) {
    subscribers.remove(subscriber);
  }

  public Optional<Agent> agent(String namespace, String name) {
    return current.agent(namespace + "/" + name);
  }

  public Optional<AgentType> agentType(String namespace, String name) {
    return current.agentType(namespace + "/" + name).map(render::typed);
  }

  /** The AgentType's spec.switchMode as written, "Restart" when it is absent. */
  public String switchMode(String namespace, String name) {
    return current.agentType(namespace + "/" + name).map(ItemRenderer::switchMode).orElse("Restart");
  }

  /**
   * One agent for its own view: the list item, its conditions and counters, and its type's switch
   * mode, as JSON; empty when there is no such agent.
   */
  public Optional<String> agentDetailJson(String namespace, String name) {
    return agent(namespace, name).map(agent -> render.agentDetail(agent, typeOf(agent)));
  }

  /** Every agent's JSON item, sorted by namespace and name. */
  public List<Item> agentItems() {
    return items(current.agents(), this::agentJson);
  }

  public List<Item> agentTypeItems() {
    return items(current.agentTypes(), this::typeJson);
  }

  private void supervise() {
    try {
      WatchGeneration watching = current;
      if (watching.stopped()) {
        LOG.warn("a dashboard watch stopped; starting new ones");
        replaceWatches(true);
        return;
      }
      if (!watching.synced()) {
        if (unhealthySince == null) {
          unhealthySince = clock.instant();
          LOG.warn("the dashboard's watches on the Kubernetes API dropped; the page is marked stale until they are back");
        }
        missedEvents = everSynced;
        return;
      }
      unhealthySince = null;
      lastFailure = "";
      everSynced = true;
      if (missedEvents || !clock.instant().isBefore(lastListed.plus(timing.resync()))) {
        replaceWatches(false);
      }
    } catch (RuntimeException unexpected) {
      LOG.warn("checking the dashboard's watches failed: {}", unexpected.toString());
    }
  }

  /** Lists everything again with new informers, then announces what differs from what was shown. */
  private void replaceWatches(boolean evenIfUnsynced) {
    WatchGeneration fresh = new WatchGeneration(client, namespaces, listener).start(); // silent until it is current
    long deadline = System.nanoTime() + LIST_TIMEOUT.toNanos();
    while (!fresh.synced() && System.nanoTime() < deadline && !closed) {
      sleep(50);
    }
    if (!fresh.synced() && !evenIfUnsynced) {
      fresh.close();
      return;
    }
    WatchGeneration old = current;
    current = fresh;
    lastListed = clock.instant();
    missedEvents = false;
    announceDifferences(old, fresh);
    old.close();
  }

  private void announceDifferences(WatchGeneration old, WatchGeneration fresh) {
    Map<String, GenericKubernetesResource> oldTypes = byKey(old.agentTypes());
    Map<String, Agent> oldAgents = byKey(old.agents());
    for (GenericKubernetesResource type : fresh.agentTypes()) {
      if (changed(oldTypes.remove(key(type)), type)) {
        typeChanged(type);
      }
    }
    oldTypes.values().forEach(this::typeDeleted);
    for (Agent agent : fresh.agents()) {
      if (changed(oldAgents.remove(key(agent)), agent)) {
        agentChanged(agent);
      }
    }
    oldAgents.values().forEach(this::agentDeleted);
  }

  private static boolean changed(HasMetadata before, HasMetadata after) {
    return before == null || !before.getMetadata().getResourceVersion().equals(after.getMetadata().getResourceVersion());
  }

  private static <T extends HasMetadata> Map<String, T> byKey(List<T> objects) {
    Map<String, T> map = new HashMap<>();
    objects.forEach(object -> map.put(key(object), object));
    return map;
  }

  private static String key(HasMetadata object) {
    return ItemRenderer.key(object);
  }

  private <R extends HasMetadata> List<Item> items(List<R> objects, Function<R, String> render) {
    List<R> sorted = new ArrayList<>(objects);
    sorted.sort(Comparator.comparing((R r) -> r.getMetadata().getNamespace()).thenComparing(r -> r.getMetadata().getName()));
    List<Item> items = new ArrayList<>(sorted.size());
    for (R object : sorted) {
      items.add(new Item(object.getMetadata().getNamespace(), render.apply(object)));
    }
    return items;
  }

  private Optional<GenericKubernetesResource> typeOf(Agent agent) {
    return agent.getSpec() == null || agent.getSpec().getType() == null ? Optional.empty()
        : current.agentType(agent.getMetadata().getNamespace() + "/" + agent.getSpec().getType());
  }

  private String agentJson(Agent agent) {
    return render.agent(agent, typeOf(agent));
  }

  private String typeJson(GenericKubernetesResource type) {
    return render.type(type);
  }

  private void agentChanged(Agent agent) {
    publish(new Change("agent", agent.getMetadata().getNamespace(), agentJson(agent)));
  }

  private void agentDeleted(Agent agent) {
    render.forgetAgent(agent);
    publish(new Change("agent-deleted", agent.getMetadata().getNamespace(), ItemRenderer.reference(agent)));
  }

  private void typeChanged(GenericKubernetesResource type) {
    publish(new Change("agenttype", type.getMetadata().getNamespace(), typeJson(type)));
    // the agents of this type show its chain
    for (Agent agent : current.agents()) {
      if (agent.getMetadata().getNamespace().equals(type.getMetadata().getNamespace()) && agent.getSpec() != null
          && type.getMetadata().getName().equals(agent.getSpec().getType())) {
        agentChanged(agent);
      }
    }
  }

  private void typeDeleted(GenericKubernetesResource type) {
    render.forgetType(type);
    publish(new Change("agenttype-deleted", type.getMetadata().getNamespace(), ItemRenderer.reference(type)));
    for (Agent agent : current.agents()) {
      if (agent.getMetadata().getNamespace().equals(type.getMetadata().getNamespace()) && agent.getSpec() != null
          && type.getMetadata().getName().equals(agent.getSpec().getType())) {
        agentChanged(agent);
      }
    }
  }

  private void publish(Change change) {
    subscribers.forEach(subscriber -> subscriber.accept(change));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Passes on the current generation's events; a generation still listing, or replaced, is not heard. */
  private final class Forwarder implements WatchGeneration.Listener {
    @Override
    public void agentChanged(WatchGeneration source, Agent agent) {
      if (source == current) {
        ClusterWatch.this.agentChanged(agent);
      }
    }

    @Override
    public void agentDeleted(WatchGeneration source, Agent agent) {
      if (source == current) {
        ClusterWatch.this.agentDeleted(agent);
      }
    }

    @Override
    public void typeChanged(WatchGeneration source, GenericKubernetesResource type) {
      if (source == current) {
        ClusterWatch.this.typeChanged(type);
      }
    }

    @Override
    public void typeDeleted(WatchGeneration source, GenericKubernetesResource type) {
      if (source == current) {
        ClusterWatch.this.typeDeleted(type);
      }
    }

    @Override
    public void failed(Throwable failure) {
      // A list or watch the informer retries may have lost events in between, however short the gap
      // (a fabric8 watch resumes from its last resourceVersion, and not every server replays from it).
      if (everSynced) {
        missedEvents = true;
      }
      String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
      if (!message.equals(lastFailure)) {
        LOG.warn("the dashboard cannot watch the Kubernetes API (retrying): {}", message);
      }
      lastFailure = message;
    }
  }

  @Override
  public void close() {
    closed = true;
    supervisor.shutdownNow();
    current.close();
  }
}
