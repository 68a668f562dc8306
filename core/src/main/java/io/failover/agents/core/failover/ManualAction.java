package io.failover.agents.core.failover;

/** What a person asks for through an annotation or the dashboard (SPEC section 3). */
public enum ManualAction {
  RESET_TIER,
  PAUSE,
  UNPAUSE
}
