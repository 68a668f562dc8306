package io.failover.agents.operator.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that follows real time until a test moves it forward: cooldowns and grace periods without sleeping. */
public final class SteppingClock extends Clock {
  private volatile Duration ahead = Duration.ZERO;

  /** Moves every later reading forward by {@code step}. */
  public void advance(Duration step) {
    ahead = ahead.plus(step);
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(ahead);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("always UTC");
  }
}
