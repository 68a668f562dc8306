package io.failover.agents.core.failover;

import static io.failover.agents.core.outcome.OutcomeKind.AUTH;
import static io.failover.agents.core.outcome.OutcomeKind.OTHER;
import static io.failover.agents.core.outcome.OutcomeKind.QUOTA;
import static io.failover.agents.core.outcome.OutcomeKind.RATE_LIMIT;
import static io.failover.agents.core.outcome.OutcomeKind.SERVER_ERROR;
import static io.failover.agents.core.outcome.OutcomeKind.SUCCESS;
import static io.failover.agents.core.outcome.OutcomeKind.TOKEN_BUDGET;
import static org.assertj.core.api.Assertions.assertThat;

import io.failover.agents.core.outcome.Outcome;
import io.failover.agents.core.outcome.OutcomeKind;
import io.failover.agents.core.policy.FailoverPolicy;
import io.failover.agents.core.policy.TokenBudget;
import io.failover.agents.core.spec.Specs;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class FailoverStateMachineTest {
  static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
  static final FailoverPolicy THREE_TIERS = Specs.policy(Specs.THREE_TIERS);
  static final LongSupplier NO_USAGE = () -> 0;
  static final LongSupplier USAGE_NOT_NEEDED = () -> {
    throw new AssertionError("usage asked although no enforced budget could use it");
  };

  long seq = 0;

  Transition apply(FailoverState state, OutcomeKind kind) {
    return apply(state, Outcome.of(++seq, kind), THREE_TIERS);
  }

  Transition apply(FailoverState state, Outcome outcome, FailoverPolicy policy) {
    return FailoverStateMachine.applyOutcome(state, outcome, policy, NOW, USAGE_NOT_NEEDED);
  }

  static FailoverState onTier(int tier) {
    return FailoverState.INITIAL.withTier(tier);
  }

  @Nested
  class Triggers {
    @Test
    void authFailureOnTier1MovesToTier2AndStartsCooldown() {
      Transition result = apply(FailoverState.INITIAL, AUTH);

      assertThat(result.state().tier()).isEqualTo(2);
      assertThat(result.state().cooldownUntil()).contains(NOW.plus(Duration.ofSeconds(900)));
      assertThat(result.state().lastFailureKind()).contains(AUTH);
      assertThat(result.state().lastFailureAt()).contains(NOW);
      assertThat(result.events()).singleElement().satisfies(event -> {
        assertThat(event.type()).isEqualTo(ChangeReason.TierChanged);
        assertThat(event.fromTier()).isEqualTo(1);
        assertThat(event.toTier()).isEqualTo(2);
        assertThat(event.kind()).contains(AUTH);
        assertThat(event.message()).isEqualTo("tier 1 (anthropic) -> tier 2 (deepseek): auth");
      });
    }

    @ParameterizedTest
    @EnumSource(names = {"AUTH", "QUOTA", "RATE_LIMIT"})
    void everyImmediateTriggerStepsDownOneTier(OutcomeKind kind) {
      Transition result = apply(onTier(2), kind);

      assertThat(result.state().tier()).isEqualTo(3);
      assertThat(result.state().lastFailureKind()).contains(kind);
    }

    @Test
    void aKindOutsideTheTriggersIsRecordedWithoutMoving() {
      FailoverPolicy authOnly = Specs.policy(Specs.THREE_TIERS + "failover: {triggers: [auth]}\n");

      Transition result = apply(FailoverState.INITIAL, Outcome.of(7, RATE_LIMIT), authOnly);

      assertThat(result.moved()).isFalse();
      assertThat(result.state().tier()).isEqualTo(1);
      assertThat(result.state().lastOutcomeSeq()).isEqualTo(7);
      assertThat(result.state().lastFailureKind()).isEmpty();
    }

    @Test
    void otherIsRecordedWithoutMoving() {
      Transition result = apply(FailoverState.INITIAL, OTHER);

      assertThat(result.moved()).isFalse();
      assertThat(result.state()).isEqualTo(FailoverState.INITIAL.withLastOutcomeSeq(seq));
    }

    @Test
    void retryAfterLongerThanTheCooldownLengthensIt() {
      Transition result = apply(FailoverState.INITIAL, Outcome.of(1, RATE_LIMIT).retryAfter(3600), THREE_TIERS);

      assertThat(result.state().cooldownUntil()).contains(NOW.plusSeconds(3600));
    }

    @Test
    void retryAfterShorterThanTheCooldownDoesNotShortenIt() {
      Transition result = apply(FailoverState.INITIAL, Outcome.of(1, RATE_LIMIT).retryAfter(30), THREE_TIERS);

      assertThat(result.state().cooldownUntil()).contains(NOW.plusSeconds(900));
    }
  }

  @Nested
  class ServerErrors {
    @Test
    void serverErrorsMoveOnlyWhenTheThresholdIsReached() {
      FailoverState state = FailoverState.INITIAL;
      state = apply(state, SERVER_ERROR).state();
      state = apply(state, SERVER_ERROR).state();
      assertThat(state.tier()).isEqualTo(1);
      assertThat(state.consecutiveServerErrors()).isEqualTo(2);

      Transition third = apply(state, SERVER_ERROR);

      assertThat(third.state().tier()).isEqualTo(2);
      assertThat(third.state().consecutiveServerErrors()).isZero();
      assertThat(third.state().lastFailureKind()).contains(SERVER_ERROR);
      assertThat(third.events()).extracting(StateChange::type).containsExactly(ChangeReason.TierChanged);
    }

    @ParameterizedTest
    @EnumSource(names = {"SUCCESS", "OTHER", "RATE_LIMIT"})
    void anyOtherOutcomeResetsTheCount(OutcomeKind interruption) {
      FailoverPolicy rateLimitNotATrigger = Specs.policy(Specs.THREE_TIERS + "failover: {triggers: [auth, serverError]}\n");
      FailoverState state = FailoverState.INITIAL;
      state = apply(state, Outcome.of(1, SERVER_ERROR), rateLimitNotATrigger).state();
      state = apply(state, Outcome.of(2, SERVER_ERROR), rateLimitNotATrigger).state();
      state = apply(state, Outcome.of(3, interruption), rateLimitNotATrigger).state();
      assertThat(state.consecutiveServerErrors()).isZero();

      state = apply(state, Outcome.of(4, SERVER_ERROR), rateLimitNotATrigger).state();

      assertThat(state.tier()).isEqualTo(1);
      assertThat(state.consecutiveServerErrors()).isEqualTo(1);
    }

    @Test
    void aTierChangeResetsTheCount() {
      FailoverState state = apply(apply(FailoverState.INITIAL, SERVER_ERROR).state(), AUTH).state();

      assertThat(state.tier()).isEqualTo(2);
      assertThat(state.consecutiveServerErrors()).isZero();
    }

    @Test
    void thresholdOfOneMovesAtTheFirstServerError() {
      FailoverPolicy policy = Specs.policy(Specs.THREE_TIERS + "failover: {serverErrorThreshold: 1}\n");

      assertThat(apply(FailoverState.INITIAL, Outcome.of(1, SERVER_ERROR), policy).state().tier()).isEqualTo(2);
    }

    @Test
    void serverErrorsThatAreNotATriggerAreCountedButNeverMove() {
      FailoverPolicy policy = Specs.policy(Specs.THREE_TIERS + "failover: {triggers: [auth]}\n");
      FailoverState state = FailoverState.INITIAL;
      for (int i = 1; i <= 5; i++) {
        state = apply(state, Outcome.of(i, SERVER_ERROR), policy).state();
      }

      assertThat(state.tier()).isEqualTo(1);
      assertThat(state.consecutiveServerErrors()).isEqualTo(5);
    }
  }

  @Nested
  class Recording {
    @Test
    void aPausedAgentRecordsOutcomesWithoutMoving() {
      FailoverState paused = FailoverState.INITIAL.withPausedReason(Optional.of(PauseReason.Manual));

      Transition result = apply(paused, AUTH);

      assertThat(result.moved()).isFalse();
      assertThat(result.state()).isEqualTo(paused.withLastOutcomeSeq(seq));
    }

    @Test
    void anOutcomeFromAnotherTierIsStaleAndDoesNotMove() {
      FailoverState onTier2 = onTier(2);

      Transition result = apply(onTier2, Outcome.of(5, AUTH).onTier(1), THREE_TIERS);

      assertThat(result.moved()).isFalse();
      assertThat(result.state()).isEqualTo(onTier2.withLastOutcomeSeq(5));
    }

    @Test
    void anOutcomeOnTheCurrentTierIsNotStale() {
      assertThat(apply(onTier(2), Outcome.of(5, AUTH).onTier(2), THREE_TIERS).state().tier()).isEqualTo(3);
    }

    @Test
    void anOutcomeWithoutTierIsNeverStale() {
      assertThat(apply(onTier(2), Outcome.of(5, AUTH), THREE_TIERS).state().tier()).isEqualTo(3);
    }

    @Test
    void anOutcomeAlreadyAppliedIsIgnoredEntirely() {
      FailoverState state = FailoverState.INITIAL.withLastOutcomeSeq(10);

      Transition result = apply(state, Outcome.of(10, AUTH), THREE_TIERS);

      assertThat(result.moved()).isFalse();
      assertThat(result.state()).isSameAs(state);
    }

    @Test
    void lastOutcomeSeqAdvancesForEveryProcessedOutcome() {
      FailoverState state = FailoverState.INITIAL;
      state = apply(state, Outcome.of(3, SUCCESS), THREE_TIERS).state();
      assertThat(state.lastOutcomeSeq()).isEqualTo(3);
      state = apply(state, Outcome.of(8, OTHER), THREE_TIERS).state();
      assertThat(state.lastOutcomeSeq()).isEqualTo(8);
      state = apply(state, Outcome.of(9, AUTH), THREE_TIERS).state();
      assertThat(state.lastOutcomeSeq()).isEqualTo(9);
    }

    @Test
    void outcomesThatMoveNothingKeepTheLastFailure() {
      FailoverState failed = apply(FailoverState.INITIAL, QUOTA).state();

      FailoverState after = apply(apply(failed, OTHER).state(), SUCCESS).state();

      assertThat(after.lastFailureKind()).contains(QUOTA);
      assertThat(after.lastFailureAt()).contains(NOW);
    }
  }

  @Nested
  class Recovery {
    final FailoverState cooling = onTier(2).withCooldownUntil(Optional.of(NOW.plusSeconds(60)));

    @Test
    void successBeforeTheCooldownEndsStaysOnTheLowerTier() {
      Transition result = apply(cooling, SUCCESS);

      assertThat(result.moved()).isFalse();
      assertThat(result.state().tier()).isEqualTo(2);
    }

    @Test
    void successOnceTheCooldownEndsReturnsToTier1() {
      FailoverState cooled = cooling.withCooldownUntil(Optional.of(NOW));

      Transition result = apply(cooled, SUCCESS);

      assertThat(result.state().tier()).isEqualTo(1);
      assertThat(result.state().cooldownUntil()).isEmpty();
      assertThat(result.events()).singleElement().satisfies(event -> {
        assertThat(event.type()).isEqualTo(ChangeReason.Recovered);
        assertThat(event.fromTier()).isEqualTo(2);
        assertThat(event.toTier()).isEqualTo(1);
        assertThat(event.kind()).isEmpty();
      });
    }

    @Test
    void recoveryKeepsTheLastFailure() {
      FailoverState cooled = cooling.withCooldownUntil(Optional.of(NOW.minusSeconds(1))).withLastFailure(AUTH, NOW.minusSeconds(900));

      assertThat(apply(cooled, SUCCESS).state().lastFailureKind()).contains(AUTH);
    }

    @Test
    void successOnTier1MovesNothing() {
      assertThat(apply(FailoverState.INITIAL, SUCCESS).moved()).isFalse();
    }
  }

  @Nested
  class EndOfChain {
    @Test
    void triggerOnTheLastTierWithPausePausesAsChainExhausted() {
      Transition result = apply(onTier(3), AUTH);

      assertThat(result.state().tier()).isEqualTo(3);
      assertThat(result.state().pausedReason()).contains(PauseReason.ChainExhausted);
      assertThat(result.state().lastFailureKind()).contains(AUTH);
      assertThat(result.events()).singleElement().satisfies(event -> {
        assertThat(event.type()).isEqualTo(ChangeReason.Paused);
        assertThat(event.kind()).contains(AUTH);
      });
    }

    @Test
    void triggerOnTheLastTierWithWrapReturnsToTier1AndStartsACooldown() {
      FailoverPolicy wrap = Specs.policy(Specs.THREE_TIERS + "failover: {onExhausted: Wrap, cooldownSeconds: 60}\n");

      Transition result = apply(onTier(3), Outcome.of(1, QUOTA), wrap);

      assertThat(result.state().tier()).isEqualTo(1);
      assertThat(result.state().paused()).isFalse();
      assertThat(result.state().cooldownUntil()).contains(NOW.plusSeconds(60));
      assertThat(result.events()).singleElement().satisfies(event -> {
        assertThat(event.type()).isEqualTo(ChangeReason.TierChanged);
        assertThat(event.fromTier()).isEqualTo(3);
        assertThat(event.toTier()).isEqualTo(1);
      });
    }

    @Test
    void aChainOfOnePausesAtTheFirstTrigger() {
      FailoverPolicy single = Specs.policy("provider: anthropic\nmodel: m\ncredentialsSecretRef: {name: k, key: api-key}\n");

      assertThat(apply(FailoverState.INITIAL, Outcome.of(1, AUTH), single).state().pausedReason())
          .contains(PauseReason.ChainExhausted);
    }
  }

  @Nested
  class TokenBudget {
    final FailoverPolicy budgeted = Specs.policy(Specs.THREE_TIERS + "failover: {tokenBudget: {limitTokens: 1000, window: 5h}}\n");

    Transition applyWithUsage(FailoverState state, OutcomeKind kind, FailoverPolicy policy, long usage) {
      return FailoverStateMachine.applyOutcome(state, Outcome.of(++seq, kind), policy, NOW, () -> usage);
    }

    @Test
    void usageAtTheLimitStepsTier1DownWithKindTokenBudget() {
      Transition result = applyWithUsage(FailoverState.INITIAL, SUCCESS, budgeted, 1000);

      assertThat(result.state().tier()).isEqualTo(2);
      assertThat(result.state().lastFailureKind()).contains(TOKEN_BUDGET);
      assertThat(result.state().cooldownUntil()).contains(NOW.plusSeconds(900));
      assertThat(result.events()).singleElement().satisfies(event -> {
        assertThat(event.type()).isEqualTo(ChangeReason.BudgetExceeded);
        assertThat(event.fromTier()).isEqualTo(1);
        assertThat(event.toTier()).isEqualTo(2);
        assertThat(event.kind()).contains(TOKEN_BUDGET);
        assertThat(event.message()).isEqualTo("usage=1000/1000");
      });
    }

    @Test
    void usageBelowTheLimitMovesNothing() {
      assertThat(applyWithUsage(FailoverState.INITIAL, SUCCESS, budgeted, 999).moved()).isFalse();
    }

    @Test
    void theBudgetIsCheckedAfterOutcomesThatMovedNothing() {
      assertThat(applyWithUsage(FailoverState.INITIAL, OTHER, budgeted, 5000).events())
          .extracting(StateChange::type).containsExactly(ChangeReason.BudgetExceeded);
    }

    @Test
    void anOutcomeThatMovedTheTierIsNotAlsoABudgetTrip() {
      assertThat(applyWithUsage(FailoverState.INITIAL, AUTH, budgeted, 5000).events())
          .extracting(StateChange::type).containsExactly(ChangeReason.TierChanged);
    }

    @Test
    void theBudgetOnlyMovesAgentsOnTier1() {
      assertThat(applyWithUsage(onTier(2).withCooldownUntil(Optional.of(NOW.plusSeconds(60))), OTHER, budgeted, 5000).moved())
          .isFalse();
    }

    @Test
    void aWindowOfAllNeverTrips() {
      FailoverPolicy monitorOnly = Specs.policy(Specs.THREE_TIERS + "failover: {tokenBudget: {limitTokens: 1, window: all}}\n");

      assertThat(FailoverStateMachine.applyOutcome(FailoverState.INITIAL, Outcome.of(1, SUCCESS), monitorOnly, NOW,
          USAGE_NOT_NEEDED).moved()).isFalse();
    }

    @Test
    void aBudgetWithoutTheTokenBudgetTriggerNeverTrips() {
      FailoverPolicy notATrigger = Specs.policy(Specs.THREE_TIERS
          + "failover: {triggers: [auth], tokenBudget: {limitTokens: 1, window: 1h}}\n");

      assertThat(FailoverStateMachine.applyOutcome(FailoverState.INITIAL, Outcome.of(1, SUCCESS), notATrigger, NOW,
          USAGE_NOT_NEEDED).moved()).isFalse();
    }

    @Test
    void recoveryIsRefusedWhileTier1IsOverBudget() {
      FailoverState cooled = onTier(2).withCooldownUntil(Optional.of(NOW.minusSeconds(1)));

      assertThat(applyWithUsage(cooled, SUCCESS, budgeted, 1000).state().tier()).isEqualTo(2);
      assertThat(applyWithUsage(cooled, SUCCESS, budgeted, 999).state().tier()).isEqualTo(1);
    }

    @Test
    void aPausedAgentIsNotMovedByTheBudget() {
      FailoverState paused = FailoverState.INITIAL.withPausedReason(Optional.of(PauseReason.Manual));

      assertThat(applyWithUsage(paused, SUCCESS, budgeted, 5000).moved()).isFalse();
    }
  }

  @Nested
  class ChainClamp {
    final FailoverPolicy twoTiers = Specs.policy(Specs.THREE_TIERS.substring(0, Specs.THREE_TIERS.indexOf("- provider: ollama")));

    @Test
    void aTierPastAShortenedChainIsPutOnTheLastTier() {
      FailoverState paused = onTier(3).withPausedReason(Optional.of(PauseReason.ChainExhausted))
          .withCooldownUntil(Optional.of(NOW.plusSeconds(10)));

      Transition result = FailoverStateMachine.clampToChain(paused, twoTiers);

      assertThat(result.state().tier()).isEqualTo(2);
      assertThat(result.state().pausedReason()).contains(PauseReason.ChainExhausted);
      assertThat(result.state().cooldownUntil()).contains(NOW.plusSeconds(10));
      assertThat(result.events()).singleElement().satisfies(event -> {
        assertThat(event.type()).isEqualTo(ChangeReason.ChainClamped);
        assertThat(event.fromTier()).isEqualTo(3);
        assertThat(event.toTier()).isEqualTo(2);
      });
    }

    @Test
    void aTierWithinTheChainIsLeftAlone() {
      assertThat(FailoverStateMachine.clampToChain(onTier(2), twoTiers).moved()).isFalse();
    }
  }

  @Nested
  class ManualActions {
    @Test
    void resetTierReturnsToTier1UnpausedWithCooldownAndCountersCleared() {
      FailoverState state = onTier(3).withPausedReason(Optional.of(PauseReason.ChainExhausted))
          .withCooldownUntil(Optional.of(NOW.plusSeconds(100))).withConsecutiveServerErrors(2);

      Transition result = FailoverStateMachine.applyAction(state, ManualAction.RESET_TIER, THREE_TIERS);

      assertThat(result.state().tier()).isEqualTo(1);
      assertThat(result.state().paused()).isFalse();
      assertThat(result.state().cooldownUntil()).isEmpty();
      assertThat(result.state().consecutiveServerErrors()).isZero();
      assertThat(result.events()).singleElement().satisfies(event -> {
        assertThat(event.type()).isEqualTo(ChangeReason.TierReset);
        assertThat(event.fromTier()).isEqualTo(3);
        assertThat(event.toTier()).isEqualTo(1);
      });
    }

    @Test
    void resetOnTier1UnpausedRecordsNothing() {
      assertThat(FailoverStateMachine.applyAction(FailoverState.INITIAL, ManualAction.RESET_TIER, THREE_TIERS).moved())
          .isFalse();
    }

    @Test
    void resetOfAManuallyPausedAgentOnTier1Unpauses() {
      FailoverState paused = FailoverState.INITIAL.withPausedReason(Optional.of(PauseReason.Manual));

      Transition result = FailoverStateMachine.applyAction(paused, ManualAction.RESET_TIER, THREE_TIERS);

      assertThat(result.state().paused()).isFalse();
      assertThat(result.events()).extracting(StateChange::type).containsExactly(ChangeReason.TierReset);
    }

    @Test
    void pausePausesManuallyOnTheCurrentTier() {
      Transition result = FailoverStateMachine.applyAction(onTier(2), ManualAction.PAUSE, THREE_TIERS);

      assertThat(result.state().tier()).isEqualTo(2);
      assertThat(result.state().pausedReason()).contains(PauseReason.Manual);
      assertThat(result.events()).extracting(StateChange::type).containsExactly(ChangeReason.Paused);
    }

    @Test
    void pauseWhilePausedRecordsNothing() {
      FailoverState paused = FailoverState.INITIAL.withPausedReason(Optional.of(PauseReason.ChainExhausted));

      Transition result = FailoverStateMachine.applyAction(paused, ManualAction.PAUSE, THREE_TIERS);

      assertThat(result.moved()).isFalse();
      assertThat(result.state().pausedReason()).contains(PauseReason.ChainExhausted);
    }

    @Test
    void unpauseResumesAtTheCurrentTier() {
      FailoverState exhausted = onTier(3).withPausedReason(Optional.of(PauseReason.ChainExhausted));

      Transition result = FailoverStateMachine.applyAction(exhausted, ManualAction.UNPAUSE, THREE_TIERS);

      assertThat(result.state().tier()).isEqualTo(3);
      assertThat(result.state().paused()).isFalse();
      assertThat(result.events()).extracting(StateChange::type).containsExactly(ChangeReason.Unpaused);
    }

    @Test
    void unpauseWhileRunningRecordsNothing() {
      assertThat(FailoverStateMachine.applyAction(onTier(2), ManualAction.UNPAUSE, THREE_TIERS).moved()).isFalse();
    }
  }

  /** spec.paused (a declarative pause) beside the one-shot actions: every starting pause reason, both values. */
  @Nested
  class DeclaredPause {
    @ParameterizedTest(name = "paused {0}, spec.paused {1} -> {2}, event {3}")
    @CsvSource(nullValues = "none", value = {
        "none,           true,  Spec,           Paused",
        "Manual,         true,  Spec,           Paused",
        "ChainExhausted, true,  Spec,           Paused",
        "Spec,           true,  Spec,           none",
        "none,           false, none,           none",
        "Manual,         false, Manual,         none",
        "ChainExhausted, false, ChainExhausted, none",
        "Spec,           false, none,           Unpaused"})
    void followsTheField(PauseReason before, boolean specPaused, PauseReason after, ChangeReason event) {
      FailoverState state = onTier(2).withPausedReason(Optional.ofNullable(before));

      Transition result = FailoverStateMachine.applyDeclaredPause(state, specPaused, THREE_TIERS);

      assertThat(result.state().pausedReason()).isEqualTo(Optional.ofNullable(after));
      assertThat(result.state().tier()).isEqualTo(2);
      assertThat(result.events()).extracting(StateChange::type)
          .containsExactlyElementsOf(event == null ? java.util.List.of() : java.util.List.of(event));
    }

    @Test
    void unpauseDoesNotOverrideTheField() {
      FailoverState held = onTier(2).withPausedReason(Optional.of(PauseReason.Spec));

      Transition result = FailoverStateMachine.applyAction(held, ManualAction.UNPAUSE, THREE_TIERS);

      assertThat(result.moved()).isFalse();
      assertThat(result.state().pausedReason()).contains(PauseReason.Spec);
    }

    @Test
    void resetReturnsToTier1AndStaysHeld() {
      FailoverState held = onTier(3).withPausedReason(Optional.of(PauseReason.Spec)).withCooldownUntil(Optional.of(NOW));

      Transition result = FailoverStateMachine.applyAction(held, ManualAction.RESET_TIER, THREE_TIERS);

      assertThat(result.state().tier()).isEqualTo(1);
      assertThat(result.state().pausedReason()).contains(PauseReason.Spec);
      assertThat(result.events()).extracting(StateChange::type).containsExactly(ChangeReason.TierReset);
      assertThat(FailoverStateMachine.applyAction(result.state(), ManualAction.RESET_TIER, THREE_TIERS).moved())
          .as("a second reset on tier 1 changes nothing").isFalse();
    }

    @Test
    void outcomesWhileHeldAreRecordedButMoveNothing() {
      FailoverState held = FailoverState.INITIAL.withPausedReason(Optional.of(PauseReason.Spec));

      Transition result = apply(held, AUTH);

      assertThat(result.moved()).isFalse();
      assertThat(result.state().tier()).isEqualTo(1);
      assertThat(result.state().lastOutcomeSeq()).isEqualTo(seq);
    }
  }

  @Nested
  class PoisonValues {
    @Test
    void anOutcomeThatCannotBeAppliedIsRefusedAndTheNextOneStillApplies() {
      Outcome poison = Outcome.of(5, AUTH).retryAfter(Long.MAX_VALUE);

      Transition refused = FailoverStateMachine.applyOrRefuse(FailoverState.INITIAL, poison, THREE_TIERS, NOW, NO_USAGE);

      assertThat(refused.state().tier()).isEqualTo(1);
      assertThat(refused.state().lastOutcomeSeq()).isEqualTo(5);
      assertThat(refused.events()).singleElement().satisfies(event -> {
        assertThat(event.type()).isEqualTo(ChangeReason.OutcomeRefused);
        assertThat(event.type().warning()).isTrue();
        assertThat(event.message()).startsWith("outcome 5 refused: ");
      });

      Transition next = FailoverStateMachine.applyOrRefuse(refused.state(), Outcome.of(6, AUTH), THREE_TIERS, NOW, NO_USAGE);

      assertThat(next.state().tier()).isEqualTo(2);
    }

    @Test
    void anOutcomeThatAppliesIsNotTouchedByTheRefusal() {
      Transition applied = FailoverStateMachine.applyOrRefuse(FailoverState.INITIAL, Outcome.of(1, AUTH).retryAfter(60),
          THREE_TIERS, NOW, NO_USAGE);

      assertThat(applied.events()).extracting(StateChange::type).containsExactly(ChangeReason.TierChanged);
    }
  }

  @Nested
  class FlapDampingPerAgent {
    final FailoverPolicy damped = Specs.policy(Specs.THREE_TIERS + "failover: {cooldownSeconds: 60, maxCooldownSeconds: 200}\n");

    Transition fail(FailoverState state, Instant at) {
      return FailoverStateMachine.applyOutcome(state, Outcome.of(++seq, QUOTA), damped, at, NO_USAGE);
    }

    Transition succeed(FailoverState state, Instant at) {
      return FailoverStateMachine.applyOutcome(state, Outcome.of(++seq, SUCCESS), damped, at, NO_USAGE);
    }

    @Test
    void aRepeatedFailoverWaitsTwiceAsLongUpToTheCap() {
      FailoverState first = fail(FailoverState.INITIAL, NOW).state();
      FailoverState back = succeed(first, NOW.plusSeconds(60)).state();
      FailoverState second = fail(back, NOW.plusSeconds(70)).state();
      FailoverState third = fail(succeed(second, NOW.plusSeconds(190)).state(), NOW.plusSeconds(200)).state();
      FailoverState fourth = fail(succeed(third, NOW.plusSeconds(400)).state(), NOW.plusSeconds(410)).state();

      assertThat(first.trips()).isEqualTo(1);
      assertThat(first.cooldownUntil()).contains(NOW.plusSeconds(60));
      assertThat(back.recoveredAt()).contains(NOW.plusSeconds(60));
      assertThat(second.trips()).isEqualTo(2);
      assertThat(second.cooldownUntil()).contains(NOW.plusSeconds(70 + 120));
      assertThat(third.cooldownUntil()).as("x4 = 240, capped at 200").contains(NOW.plusSeconds(200 + 200));
      assertThat(fourth.trips()).isEqualTo(4);
      assertThat(fourth.cooldownUntil()).contains(NOW.plusSeconds(410 + 200));
    }

    @Test
    void tripsAgeOutAfterAFullCooldownOnTier1() {
      FailoverState back = succeed(fail(FailoverState.INITIAL, NOW).state(), NOW.plusSeconds(60)).state();

      FailoverState calm = fail(back, NOW.plusSeconds(120)).state();

      assertThat(calm.trips()).isEqualTo(1);
      assertThat(calm.cooldownUntil()).contains(NOW.plusSeconds(180));
    }

    @Test
    void resetTierClearsTheTrips() {
      FailoverState failed = fail(FailoverState.INITIAL, NOW).state();

      FailoverState reset = FailoverStateMachine.applyAction(failed, ManualAction.RESET_TIER, damped).state();

      assertThat(reset.trips()).isZero();
      assertThat(fail(reset, NOW.plusSeconds(1)).state().cooldownUntil()).contains(NOW.plusSeconds(61));
    }

    @Test
    void aResetTimeHoldsTheCooldownUntilThenCappedAtTheMaximum() {
      Transition soon = FailoverStateMachine.applyOutcome(FailoverState.INITIAL,
          Outcome.of(++seq, QUOTA).resettingAt(NOW.plusSeconds(150)), damped, NOW, NO_USAGE);
      Transition far = FailoverStateMachine.applyOutcome(FailoverState.INITIAL,
          Outcome.of(++seq, QUOTA).resettingAt(NOW.plusSeconds(86_400)), damped, NOW, NO_USAGE);
      Transition past = FailoverStateMachine.applyOutcome(FailoverState.INITIAL,
          Outcome.of(++seq, QUOTA).resettingAt(NOW.minusSeconds(5)), damped, NOW, NO_USAGE);

      assertThat(soon.state().cooldownUntil()).contains(NOW.plusSeconds(150));
      assertThat(far.state().cooldownUntil()).contains(NOW.plusSeconds(200));
      assertThat(past.state().cooldownUntil()).contains(NOW.plusSeconds(60));
    }
  }

  @Nested
  class ClosedTiers {
    final TierAccess tier2Closed = new TierAccess() {
      @Override
      public boolean mayEnter(int tier) {
        return tier != 2;
      }

      @Override
      public int recoveryTarget(int currentTier) {
        return currentTier > 2 ? 3 : 1;
      }
    };

    @Test
    void steppingDownSkipsATierTheAgentMayNotEnter() {
      Transition result = FailoverStateMachine.applyOutcome(FailoverState.INITIAL, Outcome.of(1, AUTH), THREE_TIERS, NOW,
          NO_USAGE, tier2Closed);

      assertThat(result.state().tier()).isEqualTo(3);
      assertThat(result.events()).singleElement().extracting(StateChange::message)
          .isEqualTo("tier 1 (anthropic) -> tier 3 (ollama): auth");
    }

    @Test
    void aSuccessReturnsOnlyAsFarAsTheAccessAllows() {
      Transition result = FailoverStateMachine.applyOutcome(onTier(3), Outcome.of(1, SUCCESS), THREE_TIERS, NOW,
          NO_USAGE, tier2Closed);

      assertThat(result.moved()).isFalse();
    }
  }
}
