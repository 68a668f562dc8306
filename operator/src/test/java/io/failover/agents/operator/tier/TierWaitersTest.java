package io.failover.agents.operator.tier;

import static org.assertj.core.api.Assertions.assertThat;

import io.failover.agents.core.AgentRef;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The long-polls lose no commit, whenever it lands. */
class TierWaitersTest {
  static final AgentRef AGENT = new AgentRef("agents", "coder-1");
  static final TierState PAUSED = new TierState(2, "deepseek", "deepseek-chat", true, Optional.empty(), 5);
  static final TierState RUNNING = new TierState(2, "deepseek", "deepseek-chat", false, Optional.empty(), 5);

  @Test
  void aCommitBetweenTheRequestsReadAndTheRegistrationCompletesTheWaitAtOnce() throws Exception {
    TierWaiters waiters = new TierWaiters();

    // the request was answered from PAUSED; by the time its waiter is registered the agent runs
    CompletableFuture<Optional<TierState>> next = waiters.next(AGENT, PAUSED, () -> RUNNING, Duration.ofSeconds(30));

    assertThat(next.get(1, TimeUnit.SECONDS)).contains(RUNNING);
    assertThat(waiters.waiting()).isZero();
  }

  @Test
  void anUnchangedStateWaitsAndATimeoutCompletesEmptyAndForgetsTheWaiter() throws Exception {
    TierWaiters waiters = new TierWaiters();

    CompletableFuture<Optional<TierState>> next = waiters.next(AGENT, PAUSED, () -> PAUSED, Duration.ofMillis(200));

    assertThat(waiters.waiting()).isEqualTo(1);
    assertThat(next.get(5, TimeUnit.SECONDS)).isEmpty();
    assertThat(waiters.waiting()).isZero();
  }
}
