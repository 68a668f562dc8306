package io.failover.agents.operator.ledger;

import io.failover.agents.core.outcome.Outcome;
import io.failover.agents.core.outcome.OutcomeKind;
import java.util.Optional;

/** An outcome as the ledger keeps it, ready for the state machine. */
public record StoredOutcome(long seq, OutcomeKind kind, Optional<Integer> tier, Optional<Long> retryAfterSeconds) {

  public Outcome toOutcome() {
    return new Outcome(seq, kind, tier, retryAfterSeconds);
  }
}
