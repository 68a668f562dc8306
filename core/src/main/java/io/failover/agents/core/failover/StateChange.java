package io.failover.agents.core.failover;

import io.failover.agents.core.outcome.OutcomeKind;
import java.util.Optional;

/**
 * One state change.
 *
 * @param kind the failure kind behind the change, if any
 * @param message what happened, in words; never a secret
 */
public record StateChange(ChangeReason type, int fromTier, int toTier, Optional<OutcomeKind> kind, String message) {}
