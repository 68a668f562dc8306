package io.failover.agents.core.circuit;

import io.failover.agents.core.outcome.OutcomeKind;
import java.util.Optional;

/**
 * One change of a circuit, named as the ledger's event and the Kubernetes Event's reason on the
 * AgentType.
 *
 * @param kind the failure kind that opened the circuit, if this opened it
 * @param message what happened, in words; never a secret
 */
public record CircuitEvent(Reason reason, int tier, String provider, Optional<OutcomeKind> kind, String message) {

  /** The reasons of SPEC section 10. */
  public enum Reason {
    CircuitOpened(true),
    CircuitHalfOpen(false),
    CircuitClosed(false);

    private final boolean warning;

    Reason(boolean warning) {
      this.warning = warning;
    }

    /** Kubernetes Event type: Warning or Normal. */
    public boolean warning() {
      return warning;
    }
  }
}
