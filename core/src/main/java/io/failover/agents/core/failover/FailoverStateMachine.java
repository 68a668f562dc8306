package io.failover.agents.core.failover;

import io.failover.agents.core.outcome.Outcome;
import io.failover.agents.core.outcome.OutcomeKind;
import io.failover.agents.core.policy.CooldownRule;
import io.failover.agents.core.policy.ExhaustionPolicy;
import io.failover.agents.core.policy.FailoverPolicy;
import io.failover.agents.core.policy.TokenBudget;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.LongSupplier;

/**
 * The failover rules of SPEC section 4 as pure functions: {@code (state, input, policy, now) ->
 * (state, events)}. Nothing here touches Kubernetes, the ledger or a clock.
 */
public final class FailoverStateMachine {
  private FailoverStateMachine() {}

  /**
   * Applies one classified outcome.
   *
   * @param tier1Usage tokens spent on the tier-1 provider by all agents of the type within the
   *     budget's window; asked only when an enforced budget could trip or refuse a recovery
   */
  public static Transition applyOutcome(
      FailoverState state, Outcome outcome, FailoverPolicy policy, Instant now, LongSupplier tier1Usage) {
    return applyOutcome(state, outcome, policy, now, tier1Usage, TierAccess.ANY);
  }

  /**
   * Applies one classified outcome where some tiers may be closed to this agent (SPEC section 10:
   * stepping down skips them, a recovery goes to the best tier the access allows).
   */
  public static Transition applyOutcome(FailoverState state, Outcome outcome, FailoverPolicy policy, Instant now,
      LongSupplier tier1Usage, TierAccess access) {
    if (outcome.seq() <= state.lastOutcomeSeq()) {
      return Transition.quiet(state);
    }
    FailoverState recorded = state.withLastOutcomeSeq(outcome.seq());
    boolean stale = outcome.tier().map(tier -> tier != state.tier()).orElse(false);
    if (recorded.paused() || stale) {
      return Transition.quiet(recorded);
    }
    Transition applied = switch (outcome.kind()) {
      case SUCCESS -> success(recorded.withConsecutiveServerErrors(0), policy, now, tier1Usage, access);
      case SERVER_ERROR -> serverError(recorded, outcome, policy, now, access);
      case OTHER -> Transition.quiet(recorded.withConsecutiveServerErrors(0));
      default -> policy.triggers(outcome.kind())
          ? stepDown(recorded, outcome.kind(), policy, now, outcome, access)
          : Transition.quiet(recorded.withConsecutiveServerErrors(0));
    };
    return applied.moved() ? applied : budgetCheck(applied.state(), policy, now, tier1Usage, access);
  }

  /**
   * Applies an outcome, or, when it cannot be applied (a value no rule foresaw), records it as
   * refused and moves on: one bad report must never stop the agent's later reports from applying.
   */
  public static Transition applyOrRefuse(
      FailoverState state, Outcome outcome, FailoverPolicy policy, Instant now, LongSupplier tier1Usage) {
    return applyOrRefuse(state, outcome, policy, now, tier1Usage, TierAccess.ANY);
  }

  /** {@link #applyOrRefuse} where some tiers may be closed to this agent. */
  public static Transition applyOrRefuse(FailoverState state, Outcome outcome, FailoverPolicy policy, Instant now,
      LongSupplier tier1Usage, TierAccess access) {
    try {
      return applyOutcome(state, outcome, policy, now, tier1Usage, access);
    } catch (ArithmeticException | java.time.DateTimeException | IllegalArgumentException unusable) {
      if (outcome.seq() <= state.lastOutcomeSeq()) {
        return Transition.quiet(state);
      }
      return Transition.of(state.withLastOutcomeSeq(outcome.seq()), event(ChangeReason.OutcomeRefused, state.tier(),
          state.tier(), Optional.of(outcome.kind()), "outcome " + outcome.seq() + " refused: " + unusable.getMessage()));
    }
  }

  /**
   * Applies reset-tier, pause or unpause; an action that changes nothing records nothing. A pause
   * held by {@code spec.paused} outlives both: unpause leaves it, reset-tier keeps it.
   */
  public static Transition applyAction(FailoverState state, ManualAction action, FailoverPolicy policy) {
    boolean declared = state.pausedReason().filter(PauseReason.Spec::equals).isPresent();
    return switch (action) {
      case RESET_TIER -> {
        FailoverState reset = state.withTier(1).withPausedReason(declared ? state.pausedReason() : Optional.empty())
            .withCooldownUntil(Optional.empty()).withTrips(0).withRecoveredAt(Optional.empty());
        yield state.tier() == 1 && (!state.paused() || declared)
            ? Transition.quiet(reset)
            : Transition.of(reset, event(ChangeReason.TierReset, state.tier(), 1, Optional.empty(),
                move(policy, state.tier(), 1) + ": reset"));
      }
      case PAUSE -> state.paused()
          ? Transition.quiet(state)
          : Transition.of(state.withPausedReason(Optional.of(PauseReason.Manual)),
              event(ChangeReason.Paused, state.tier(), state.tier(), Optional.empty(),
                  "paused on " + describe(policy, state.tier())));
      case UNPAUSE -> !state.paused() || declared
          ? Transition.quiet(state)
          : Transition.of(state.withPausedReason(Optional.empty()),
              event(ChangeReason.Unpaused, state.tier(), state.tier(), Optional.empty(),
                  "unpaused on " + describe(policy, state.tier())));
    };
  }

  /**
   * Follows the Agent's {@code spec.paused} (a declarative pause, like a Deployment's): while it is
   * true the agent is held paused with reason Spec, whatever paused it before; once it is false an
   * agent held this way runs again, and nothing else is touched.
   */
  public static Transition applyDeclaredPause(FailoverState state, boolean specPaused, FailoverPolicy policy) {
    boolean held = state.pausedReason().filter(PauseReason.Spec::equals).isPresent();
    if (specPaused && !held) {
      return Transition.of(state.withPausedReason(Optional.of(PauseReason.Spec)), event(ChangeReason.Paused,
          state.tier(), state.tier(), Optional.empty(), "paused on " + describe(policy, state.tier()) + ": spec.paused is true"));
    }
    if (!specPaused && held) {
      return Transition.of(state.withPausedReason(Optional.empty()), event(ChangeReason.Unpaused, state.tier(),
          state.tier(), Optional.empty(), "unpaused on " + describe(policy, state.tier()) + ": spec.paused is no longer true"));
    }
    return Transition.quiet(state);
  }

  /** Puts an agent whose tier is past a shortened chain on the last tier; pause and cooldown stay. */
  public static Transition clampToChain(FailoverState state, FailoverPolicy policy) {
    int last = policy.chainLength();
    if (state.tier() <= last) {
      return Transition.quiet(state);
    }
    return Transition.of(state.withTier(last), event(ChangeReason.ChainClamped, state.tier(), last, Optional.empty(),
        "chain has " + last + (last == 1 ? " tier" : " tiers") + " now: tier " + state.tier() + " -> " + describe(policy, last)));
  }

  private static Transition success(FailoverState state, FailoverPolicy policy, Instant now, LongSupplier tier1Usage,
      TierAccess access) {
    boolean cooledDown = state.cooldownUntil().map(until -> !now.isBefore(until)).orElse(true);
    int target = state.tier() == 1 ? 1 : access.recoveryTarget(state.tier());
    if (target >= state.tier() || !cooledDown || (target == 1 && tier1OverBudget(policy, tier1Usage))) {
      return Transition.quiet(state);
    }
    return Transition.of(recover(state, target, now),
        event(ChangeReason.Recovered, state.tier(), target, Optional.empty(),
            move(policy, state.tier(), target) + ": cooldown over and a task succeeded"));
  }

  private static FailoverState recover(FailoverState state, int target, Instant now) {
    FailoverState recovered = state.withTier(target).withCooldownUntil(Optional.empty());
    return target == 1 ? recovered.withRecoveredAt(Optional.of(now)) : recovered;
  }

  private static Transition serverError(FailoverState state, Outcome outcome, FailoverPolicy policy, Instant now,
      TierAccess access) {
    int count = state.consecutiveServerErrors() + 1;
    FailoverState counted = state.withConsecutiveServerErrors(count);
    if (count < policy.serverErrorThreshold() || !policy.triggers(OutcomeKind.SERVER_ERROR)) {
      return Transition.quiet(counted);
    }
    return stepDown(counted, OutcomeKind.SERVER_ERROR, policy, now, outcome, access);
  }

  private static Transition budgetCheck(FailoverState state, FailoverPolicy policy, Instant now, LongSupplier tier1Usage,
      TierAccess access) {
    if (state.tier() != 1 || state.paused() || policy.enforcedBudget().isEmpty()) {
      return Transition.quiet(state);
    }
    TokenBudget budget = policy.enforcedBudget().get();
    long used = tier1Usage.getAsLong();
    if (!budget.exceededBy(used)) {
      return Transition.quiet(state);
    }
    Transition step = stepDown(state, OutcomeKind.TOKEN_BUDGET, policy, now, Outcome.of(state.lastOutcomeSeq(),
        OutcomeKind.TOKEN_BUDGET), access);
    StateChange stepEvent = step.events().get(0);
    return Transition.of(step.state(), new StateChange(ChangeReason.BudgetExceeded, stepEvent.fromTier(),
        stepEvent.toTier(), stepEvent.kind(), "usage=" + used + "/" + budget.limitTokens()));
  }

  private static boolean tier1OverBudget(FailoverPolicy policy, LongSupplier tier1Usage) {
    return policy.enforcedBudget().map(budget -> budget.exceededBy(tier1Usage.getAsLong())).orElse(false);
  }

  private static Transition stepDown(
      FailoverState state, OutcomeKind kind, FailoverPolicy policy, Instant now, Outcome outcome, TierAccess access) {
    FailoverState failed = state.withLastFailure(kind, now).withConsecutiveServerErrors(0);
    int from = state.tier();
    OptionalInt to = stepTarget(from, policy, access);
    if (to.isPresent()) {
      int trips = tripsBefore(state, policy, now) + 1;
      Duration cooldown = CooldownRule.cooldown(policy, trips, now, outcome.retryAfterSeconds(), outcome.resetAt());
      String wrapped = to.getAsInt() <= from ? "; no tier left, wrapping to tier " + to.getAsInt() : "";
      return Transition.of(failed.withTier(to.getAsInt()).withCooldownUntil(Optional.of(now.plus(cooldown))).withTrips(trips),
          event(ChangeReason.TierChanged, from, to.getAsInt(), Optional.of(kind),
              move(policy, from, to.getAsInt()) + ": " + kind.wireName() + wrapped));
    }
    return exhausted(failed, from, kind, policy, kind.wireName());
  }

  /**
   * Moves an agent off a tier whose circuit is open (SPEC section 10): to the next tier it may enter,
   * cooling until the circuit's {@code openUntil}; its own trips are left alone, the circuit counts them.
   *
   * @param cause what opened the circuit, in words (the agent and the kind)
   */
  public static Transition leaveOpenTier(FailoverState state, FailoverPolicy policy, Instant now, TierAccess access,
      OutcomeKind kind, Instant openUntil, String cause) {
    if (state.paused()) {
      return Transition.quiet(state);
    }
    FailoverState failed = state.withLastFailure(kind, now).withConsecutiveServerErrors(0);
    int from = state.tier();
    OptionalInt to = stepTarget(from, policy, access);
    if (to.isPresent() && to.getAsInt() != from) {
      return Transition.of(failed.withTier(to.getAsInt()).withCooldownUntil(Optional.of(openUntil)),
          event(ChangeReason.TierChanged, from, to.getAsInt(), Optional.of(kind), move(policy, from, to.getAsInt()) + ": " + cause));
    }
    return exhausted(failed, from, kind, policy, cause);
  }

  /** Returns an agent to a tier whose circuit closed (SPEC section 10); a paused agent stays. */
  public static Transition returnToTier(FailoverState state, FailoverPolicy policy, Instant now, int target,
      LongSupplier tier1Usage, String cause) {
    if (state.paused() || target >= state.tier() || (target == 1 && tier1OverBudget(policy, tier1Usage))) {
      return Transition.quiet(state);
    }
    return Transition.of(recover(state, target, now),
        event(ChangeReason.Recovered, state.tier(), target, Optional.empty(), move(policy, state.tier(), target) + ": " + cause));
  }

  private static Transition exhausted(FailoverState failed, int from, OutcomeKind kind, FailoverPolicy policy, String cause) {
    return Transition.of(failed.withPausedReason(Optional.of(PauseReason.ChainExhausted)),
        event(ChangeReason.Paused, from, from, Optional.of(kind),
            "paused on " + describe(policy, from) + ": " + cause + "; no tier left (onExhausted: "
                + (policy.onExhausted() == ExhaustionPolicy.WRAP ? "Wrap" : "Pause") + ")"));
  }

  /** The next tier down the agent may enter; with Wrap, else the first from the top (SPEC section 4). */
  private static OptionalInt stepTarget(int from, FailoverPolicy policy, TierAccess access) {
    for (int tier = from + 1; tier <= policy.chainLength(); tier++) {
      if (access.mayEnter(tier)) {
        return OptionalInt.of(tier);
      }
    }
    if (policy.onExhausted() == ExhaustionPolicy.WRAP) {
      for (int tier = 1; tier < from; tier++) {
        if (access.mayEnter(tier)) {
          return OptionalInt.of(tier);
        }
      }
      if (policy.chainLength() == 1 && access.mayEnter(1)) {
        return OptionalInt.of(1);
      }
    }
    return OptionalInt.empty();
  }

  /** Trips age out once the agent has stayed on tier 1 for a full cooldown since it last returned there. */
  private static int tripsBefore(FailoverState state, FailoverPolicy policy, Instant now) {
    boolean calm = state.tier() == 1
        && state.recoveredAt().map(at -> !now.isBefore(at.plus(policy.cooldown()))).orElse(true);
    return calm ? 0 : state.trips();
  }

  private static StateChange event(ChangeReason type, int from, int to, Optional<OutcomeKind> kind, String message) {
    return new StateChange(type, from, to, kind, message);
  }

  private static String move(FailoverPolicy policy, int from, int to) {
    return describe(policy, from) + " -> " + describe(policy, to);
  }

  private static String describe(FailoverPolicy policy, int tier) {
    return tier <= policy.chainLength()
        ? "tier " + tier + " (" + policy.tier(tier).provider().wireName() + ")"
        : "tier " + tier;
  }
}
