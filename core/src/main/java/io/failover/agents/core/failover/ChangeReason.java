package io.failover.agents.core.failover;

/**
 * State changes, named as the ledger's events and the Kubernetes Events' reasons, and the one
 * non-change worth a record: an outcome the state machine could not apply (a poison value).
 */
public enum ChangeReason {
  TierChanged(true),
  Recovered(false),
  Paused(true),
  Unpaused(false),
  TierReset(false),
  BudgetExceeded(true),
  ChainClamped(true),
  OutcomeRefused(true);

  private final boolean warning;

  ChangeReason(boolean warning) {
    this.warning = warning;
  }

  /** Kubernetes Event type: Warning or Normal. */
  public boolean warning() {
    return warning;
  }
}
