package io.failover.agents.operator.reconcile;

import io.failover.agents.api.Agent;
import io.failover.agents.operator.failover.AgentRef;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;

/**
 * Wakes an Agent's reconcile when outcomes for it are committed to the ledger. The reconcile reads
 * them from the ledger itself, so a lost signal delays an outcome but never loses it. Signals are
 * handed to JOSDK from a thread of their own, one per agent however many reports arrived meanwhile,
 * so that acknowledging a report never waits on the controller's event processing.
 *
 * <p>A failure that can move an agent wakes it at once. Successes and other outcomes, which at most
 * advance lastOutcomeSeq or allow a recovery, are gathered for up to {@link #LAZY_DELAY} so that a
 * busy agent's status is rewritten a few times a second, not once per report.
 */
public final class OutcomeSignal extends AbstractEventSource<Void, Agent> {
  static final java.time.Duration LAZY_DELAY = java.time.Duration.ofMillis(500);

  private final java.util.Set<AgentRef> pending = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final java.util.Set<AgentRef> lazy = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile java.util.concurrent.ScheduledExecutorService lazyFlusher;
  private final java.util.concurrent.BlockingQueue<AgentRef> queue = new java.util.concurrent.LinkedBlockingQueue<>();
  private volatile Thread deliverer;

  public OutcomeSignal() {
    super(Void.class, "outcomes");
  }

  @Override
  public synchronized void start() {
    super.start();
    deliverer = new Thread(this::deliver, "outcome-signals");
    deliverer.setDaemon(true);
    deliverer.start();
    lazyFlusher = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "outcome-signals-lazy");
      thread.setDaemon(true);
      return thread;
    });
  }

  @Override
  public synchronized void stop() {
    super.stop();
    if (deliverer != null) {
      deliverer.interrupt();
    }
    if (lazyFlusher != null) {
      lazyFlusher.shutdownNow();
    }
  }

  private void deliver() {
    while (isRunning()) {
      try {
        AgentRef agent = queue.take();
        pending.remove(agent);
        if (getEventHandler() != null) {
          getEventHandler().handleEvent(new Event(new ResourceID(agent.name(), agent.namespace())));
        }
      } catch (InterruptedException stopped) {
        return;
      }
    }
  }

  @Override
  public java.util.Set<Void> getSecondaryResources(Agent primary) {
    return java.util.Set.of();
  }

  /** Wakes the agent now when the outcome could move it, else within {@link #LAZY_DELAY}. */
  public void signal(AgentRef agent, io.failover.agents.operator.failover.OutcomeKind kind) {
    if (kind.canTrigger()) {
      signal(agent);
    } else if (lazy.add(agent)) {
      // each agent's own delay, so that busy agents' reconciles spread out instead of coming in a burst
      java.util.concurrent.ScheduledExecutorService flusher = lazyFlusher;
      if (flusher == null || flusher.isShutdown()) {
        lazy.remove(agent);
        signal(agent);
        return;
      }
      flusher.schedule(() -> {
        lazy.remove(agent);
        signal(agent);
      }, LAZY_DELAY.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }
  }

  public void signal(AgentRef agent) {
    if (pending.add(agent)) {
      queue.add(agent);
    }
  }
}
