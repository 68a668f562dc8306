package io.failover.agents.operator.controller;

import io.failover.agents.api.Agent;
import io.failover.agents.core.AgentRef;
import io.failover.agents.core.outcome.OutcomeKind;
import io.failover.agents.operator.intake.OutcomeWakeup;
import io.failover.agents.operator.threads.DaemonThreads;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

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
public final class OutcomeSignal extends AbstractEventSource<Void, Agent> implements OutcomeWakeup {
  static final Duration LAZY_DELAY = Duration.ofMillis(500);

  private final Set<AgentRef> pending = ConcurrentHashMap.newKeySet();
  private final Set<AgentRef> lazy = ConcurrentHashMap.newKeySet();
  private volatile ScheduledExecutorService lazyFlusher;
  private final BlockingQueue<AgentRef> queue = new LinkedBlockingQueue<>();
  private volatile Thread deliverer;

  public OutcomeSignal() {
    super(Void.class, "outcomes");
  }

  @Override
  public synchronized void start() {
    super.start();
    deliverer = DaemonThreads.named("outcome-signals").newThread(this::deliver);
    deliverer.start();
    lazyFlusher = DaemonThreads.scheduled("outcome-signals-lazy");
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
  public Set<Void> getSecondaryResources(Agent primary) {
    return Set.of();
  }

  /** Wakes the agent now when the outcome could move it, else within {@link #LAZY_DELAY}. */
  @Override
  public void committed(AgentRef agent, OutcomeKind kind) {
    if (kind.canTrigger()) {
      signal(agent);
    } else if (lazy.add(agent)) {
      // each agent's own delay, so that busy agents' reconciles spread out instead of coming in a burst
      ScheduledExecutorService flusher = lazyFlusher;
      if (flusher == null || flusher.isShutdown()) {
        lazy.remove(agent);
        signal(agent);
        return;
      }
      flusher.schedule(() -> {
        lazy.remove(agent);
        signal(agent);
      }, LAZY_DELAY.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void signal(AgentRef agent) {
    if (pending.add(agent)) {
      queue.add(agent);
    }
  }
}
