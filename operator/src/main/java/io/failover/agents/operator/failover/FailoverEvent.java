package io.failover.agents.operator.failover;

import java.util.Optional;

/**
 * One state change.
 *
 * @param kind the failure kind behind the change, if any
 * @param message what happened, in words; never a secret
 */
public record FailoverEvent(EventType type, int fromTier, int toTier, Optional<OutcomeKind> kind, String message) {}
