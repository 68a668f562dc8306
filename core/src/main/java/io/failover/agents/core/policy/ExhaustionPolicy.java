package io.failover.agents.core.policy;

/** What a trigger on the last tier does. */
public enum ExhaustionPolicy {
  /** Pause the agent (reason ChainExhausted). */
  PAUSE,
  /** Go back to tier 1 and start a cooldown. */
  WRAP
}
