package io.failover.agents.operator.tier;

import io.failover.agents.api.Agent;
import io.failover.agents.core.AgentRef;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The long-polls of the tier endpoint: each waits, holding no thread, for a committed status of its
 * agent whose answer differs from the one it started from, or for its time to pass (then it completes
 * empty). The operator's status commits wake them.
 */
final class TierWaiters {
  /** {@code from} is read after the waiter is registered; a commit seen before that is kept in {@code seen}. */
  private static final class Waiter {
    final CompletableFuture<Optional<TierState>> next = new CompletableFuture<>();
    final AtomicReference<TierState> from = new AtomicReference<>();
    final AtomicReference<TierState> seen = new AtomicReference<>();

    void offer(TierState now) {
      TierState base = from.get();
      if (base == null) {
        seen.set(now);
      } else if (!base.equals(now)) {
        next.complete(Optional.of(now));
      }
    }

    void startFrom(TierState state) {
      from.set(state);
      TierState early = seen.get();
      if (early != null && !early.equals(state)) {
        next.complete(Optional.of(early));
      }
    }
  }

  private final Map<AgentRef, Set<Waiter>> waiting = new ConcurrentHashMap<>();

  /**
   * The next answer of this agent that differs from {@code from} (what the request was answered from),
   * or empty when the timeout passes. Once the waiter is registered the state is read again, so a
   * commit between the request's read and the registration completes it at once instead of being lost.
   */
  CompletableFuture<Optional<TierState>> next(AgentRef agent, TierState from, Supplier<TierState> read, Duration timeout) {
    Waiter waiter = new Waiter();
    // added inside the map's atomic step, so a waiter never lands in a set that forget() just dropped
    waiting.compute(agent, (key, waiters) -> {
      Set<Waiter> set = waiters == null ? ConcurrentHashMap.newKeySet() : waiters;
      set.add(waiter);
      return set;
    });
    waiter.next.completeOnTimeout(Optional.empty(), timeout.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((state, failure) -> forget(agent, waiter));
    waiter.startFrom(from);
    waiter.offer(read.get());
    return waiter.next;
  }

  /** An Agent's status was committed: the waiters for whom its answer is news complete with it. */
  void committed(Agent agent) {
    Set<Waiter> waiters = waiting.get(new AgentRef(agent.getMetadata().getNamespace(), agent.getMetadata().getName()));
    if (waiters == null) {
      return;
    }
    TierState now = TierState.of(agent.getStatus());
    waiters.forEach(waiter -> waiter.offer(now));
  }

  int waiting() {
    return waiting.values().stream().mapToInt(Set::size).sum();
  }

  private void forget(AgentRef agent, Waiter waiter) {
    waiting.computeIfPresent(agent, (key, waiters) -> {
      waiters.remove(waiter);
      return waiters.isEmpty() ? null : waiters;
    });
  }
}
