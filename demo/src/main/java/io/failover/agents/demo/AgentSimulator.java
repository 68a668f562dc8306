package io.failover.agents.demo;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.failover.agents.api.Agent;
import io.failover.agents.operator.threads.DaemonThreads;
import java.time.Instant;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a simulated agent for every Agent of a namespace, including ones added later with kubectl:
 * each finishes a task every one to two and a half seconds.
 */
public final class AgentSimulator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AgentSimulator.class);

  private final KubernetesClient client;
  private final String namespace;
  private final ProviderWeather weather = new ProviderWeather(new Random());
  private final Instant start = Instant.now();
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2,
      DaemonThreads.named("simulated-agents"));
  private final Random jitter = new Random();

  public AgentSimulator(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  public void start() {
    scheduler.scheduleWithFixedDelay(this::discoverAgents, 0, 2, TimeUnit.SECONDS);
  }

  private void discoverAgents() {
    try {
      for (Agent agent : client.resources(Agent.class).inNamespace(namespace).list().getItems()) {
        String name = agent.getMetadata().getName();
        if (running.add(name)) {
          schedule(new SimulatedAgent(client, namespace, name, weather, start));
        }
      }
    } catch (RuntimeException failed) {
      LOG.debug("listing agents failed: {}", failed.getMessage());
    }
  }

  private void schedule(SimulatedAgent agent) {
    scheduler.schedule(() -> {
      boolean stillThere;
      try {
        stillThere = client.resources(Agent.class).inNamespace(namespace).withName(agent.name()).get() != null;
        if (stillThere) {
          agent.runOneTask();
        }
      } catch (RuntimeException failed) {
        LOG.debug("{}: task failed: {}", agent.name(), failed.getMessage());
        stillThere = true;
      }
      if (stillThere && !scheduler.isShutdown()) {
        schedule(agent);
      } else {
        running.remove(agent.name());
      }
    }, 1_000 + jitter.nextInt(1_500), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
