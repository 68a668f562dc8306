package io.failover.agents.core.failover;

import io.failover.agents.core.outcome.Outcome;
import io.failover.agents.core.outcome.OutcomeKind;
import io.failover.agents.core.policy.ExhaustionPolicy;
import io.failover.agents.core.policy.FailoverPolicy;
import io.failover.agents.core.policy.TokenBudget;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
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
    if (outcome.seq() <= state.lastOutcomeSeq()) {
      return Transition.quiet(state);
    }
    FailoverState recorded = state.withLastOutcomeSeq(outcome.seq());
    boolean stale = outcome.tier().map(tier -> tier != state.tier()).orElse(false);
    if (recorded.paused() || stale) {
      return Transition.quiet(recorded);
    }
    Transition applied = switch (outcome.kind()) {
      case SUCCESS -> success(recorded.withConsecutiveServerErrors(0), policy, now, tier1Usage);
      case SERVER_ERROR -> serverError(recorded, outcome, policy, now);
      case OTHER -> Transition.quiet(recorded.withConsecutiveServerErrors(0));
      default -> policy.triggers(outcome.kind())
          ? stepDown(recorded, outcome.kind(), policy, now, outcome.retryAfterSeconds())
          : Transition.quiet(recorded.withConsecutiveServerErrors(0));
    };
    return applied.moved() ? applied : budgetCheck(applied.state(), policy, now, tier1Usage);
  }

  /**
   * Applies an outcome, or, when it cannot be applied (a value no rule foresaw), records it as
   * refused and moves on: one bad report must never stop the agent's later reports from applying.
   */
  public static Transition applyOrRefuse(
      FailoverState state, Outcome outcome, FailoverPolicy policy, Instant now, LongSupplier tier1Usage) {
    try {
      return applyOutcome(state, outcome, policy, now, tier1Usage);
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
            .withCooldownUntil(Optional.empty());
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

  private static Transition success(FailoverState state, FailoverPolicy policy, Instant now, LongSupplier tier1Usage) {
    boolean cooledDown = state.cooldownUntil().map(until -> !now.isBefore(until)).orElse(true);
    if (state.tier() == 1 || !cooledDown || tier1OverBudget(policy, tier1Usage)) {
      return Transition.quiet(state);
    }
    return Transition.of(state.withTier(1).withCooldownUntil(Optional.empty()),
        event(ChangeReason.Recovered, state.tier(), 1, Optional.empty(),
            move(policy, state.tier(), 1) + ": cooldown over and a task succeeded"));
  }

  private static Transition serverError(FailoverState state, Outcome outcome, FailoverPolicy policy, Instant now) {
    int count = state.consecutiveServerErrors() + 1;
    FailoverState counted = state.withConsecutiveServerErrors(count);
    if (count < policy.serverErrorThreshold() || !policy.triggers(OutcomeKind.SERVER_ERROR)) {
      return Transition.quiet(counted);
    }
    return stepDown(counted, OutcomeKind.SERVER_ERROR, policy, now, outcome.retryAfterSeconds());
  }

  private static Transition budgetCheck(FailoverState state, FailoverPolicy policy, Instant now, LongSupplier tier1Usage) {
    if (state.tier() != 1 || state.paused() || policy.enforcedBudget().isEmpty()) {
      return Transition.quiet(state);
    }
    TokenBudget budget = policy.enforcedBudget().get();
    long used = tier1Usage.getAsLong();
    if (!budget.exceededBy(used)) {
      return Transition.quiet(state);
    }
    Transition step = stepDown(state, OutcomeKind.TOKEN_BUDGET, policy, now, Optional.empty());
    StateChange stepEvent = step.events().get(0);
    return Transition.of(step.state(), new StateChange(ChangeReason.BudgetExceeded, stepEvent.fromTier(),
        stepEvent.toTier(), stepEvent.kind(), "usage=" + used + "/" + budget.limitTokens()));
  }

  private static boolean tier1OverBudget(FailoverPolicy policy, LongSupplier tier1Usage) {
    return policy.enforcedBudget().map(budget -> budget.exceededBy(tier1Usage.getAsLong())).orElse(false);
  }

  private static Transition stepDown(
      FailoverState state, OutcomeKind kind, FailoverPolicy policy, Instant now, Optional<Long> retryAfterSeconds) {
    FailoverState failed = state.withLastFailure(kind, now).withConsecutiveServerErrors(0);
    int from = state.tier();
    if (from < policy.chainLength() || policy.onExhausted() == ExhaustionPolicy.WRAP) {
      int to = from < policy.chainLength() ? from + 1 : 1;
      Duration cooldown = retryAfterSeconds.map(Duration::ofSeconds).filter(retry -> retry.compareTo(policy.cooldown()) > 0)
          .orElse(policy.cooldown());
      String wrapped = to == 1 ? "; no tier left, wrapping to tier 1" : "";
      return Transition.of(failed.withTier(to).withCooldownUntil(Optional.of(now.plus(cooldown))),
          event(ChangeReason.TierChanged, from, to, Optional.of(kind),
              move(policy, from, to) + ": " + kind.wireName() + wrapped));
    }
    return Transition.of(failed.withPausedReason(Optional.of(PauseReason.ChainExhausted)),
        event(ChangeReason.Paused, from, from, Optional.of(kind),
            "paused on " + describe(policy, from) + ": " + kind.wireName() + "; no tier left (onExhausted: Pause)"));
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
