package io.failover.agents.core.failover;

/** Why an agent is paused; the names are the status values. */
public enum PauseReason {
  Manual,
  ChainExhausted,
  /** Held paused by the Agent's {@code spec.paused}; only clearing that field unpauses it. */
  Spec
}
