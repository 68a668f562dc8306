package io.failover.agents.core.circuit;

/** A tier's circuit (SPEC section 10); the names are the status values. */
public enum CircuitState {
  /** Agents may use the tier. */
  Closed,
  /** Nobody steps onto the tier until {@code openUntil}. */
  Open,
  /** One canary may try the tier again; its first outcome there decides. */
  HalfOpen
}
