package io.failover.agents.core.failover;

import io.failover.agents.core.outcome.OutcomeKind;
import java.time.Instant;
import java.util.Optional;

/**
 * An agent's failover state, as kept in its status.
 *
 * @param tier 1-based active tier
 * @param pausedReason present exactly while paused
 * @param cooldownUntil a success before this time does not return the agent to tier 1
 * @param lastFailureKind the failure that last moved the state (a tier change or a pause)
 * @param consecutiveServerErrors serverError outcomes in a row on the current tier
 * @param lastOutcomeSeq the highest ledger outcome applied to this state
 * @param trips step-downs since the agent last stayed on tier 1 for a full cooldown: each doubles the
 *     next cooldown (SPEC section 10, flap damping per agent)
 * @param recoveredAt when the agent last returned to tier 1, from which its trips age out
 */
public record FailoverState(
    int tier,
    Optional<PauseReason> pausedReason,
    Optional<Instant> cooldownUntil,
    Optional<OutcomeKind> lastFailureKind,
    Optional<Instant> lastFailureAt,
    int consecutiveServerErrors,
    long lastOutcomeSeq,
    int trips,
    Optional<Instant> recoveredAt) {

  public static final FailoverState INITIAL =
      new FailoverState(1, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0, 0, 0, Optional.empty());

  public FailoverState(int tier, Optional<PauseReason> pausedReason, Optional<Instant> cooldownUntil,
      Optional<OutcomeKind> lastFailureKind, Optional<Instant> lastFailureAt, int consecutiveServerErrors,
      long lastOutcomeSeq) {
    this(tier, pausedReason, cooldownUntil, lastFailureKind, lastFailureAt, consecutiveServerErrors, lastOutcomeSeq,
        0, Optional.empty());
  }

  public boolean paused() {
    return pausedReason.isPresent();
  }

  FailoverState withTier(int newTier) {
    return new FailoverState(newTier, pausedReason, cooldownUntil, lastFailureKind, lastFailureAt, 0, lastOutcomeSeq, trips, recoveredAt);
  }

  FailoverState withPausedReason(Optional<PauseReason> reason) {
    return new FailoverState(tier, reason, cooldownUntil, lastFailureKind, lastFailureAt, consecutiveServerErrors, lastOutcomeSeq, trips, recoveredAt);
  }

  public FailoverState withCooldownUntil(Optional<Instant> until) {
    return new FailoverState(tier, pausedReason, until, lastFailureKind, lastFailureAt, consecutiveServerErrors, lastOutcomeSeq, trips, recoveredAt);
  }

  FailoverState withLastFailure(OutcomeKind kind, Instant at) {
    return new FailoverState(tier, pausedReason, cooldownUntil, Optional.of(kind), Optional.of(at), consecutiveServerErrors, lastOutcomeSeq, trips, recoveredAt);
  }

  FailoverState withConsecutiveServerErrors(int count) {
    return new FailoverState(tier, pausedReason, cooldownUntil, lastFailureKind, lastFailureAt, count, lastOutcomeSeq, trips, recoveredAt);
  }

  FailoverState withLastOutcomeSeq(long seq) {
    return new FailoverState(tier, pausedReason, cooldownUntil, lastFailureKind, lastFailureAt, consecutiveServerErrors, seq, trips, recoveredAt);
  }

  FailoverState withTrips(int count) {
    return new FailoverState(tier, pausedReason, cooldownUntil, lastFailureKind, lastFailureAt, consecutiveServerErrors,
        lastOutcomeSeq, count, recoveredAt);
  }

  FailoverState withRecoveredAt(Optional<Instant> at) {
    return new FailoverState(tier, pausedReason, cooldownUntil, lastFailureKind, lastFailureAt, consecutiveServerErrors,
        lastOutcomeSeq, trips, at);
  }
}
