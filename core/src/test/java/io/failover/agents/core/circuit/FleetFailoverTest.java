package io.failover.agents.core.circuit;

import static io.failover.agents.core.circuit.CircuitBreakerTest.NOBODY;
import static io.failover.agents.core.circuit.CircuitBreakerTest.NOW;
import static io.failover.agents.core.circuit.CircuitBreakerTest.TYPE;
import static org.assertj.core.api.Assertions.assertThat;

import io.failover.agents.core.failover.ChangeReason;
import io.failover.agents.core.failover.FailoverState;
import io.failover.agents.core.failover.FailoverStateMachine;
import io.failover.agents.core.failover.ManualAction;
import io.failover.agents.core.failover.PauseReason;
import io.failover.agents.core.failover.StateChange;
import io.failover.agents.core.outcome.Outcome;
import io.failover.agents.core.outcome.OutcomeKind;
import io.failover.agents.core.policy.FailoverPolicy;
import io.failover.agents.core.spec.Specs;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * A fleet of agents of one Type-scoped AgentType against its circuits (SPEC section 10), driven
 * through the same pure steps the operator's reconciles take, each agent with its own state.
 */
class FleetFailoverTest {
  static final LongSupplier NO_USAGE = () -> 0;

  /** The agents' states and the type's circuits, as the statuses would hold them. */
  final Map<String, FailoverState> agents = new HashMap<>();
  Circuits circuits = CircuitBreaker.align(Circuits.NONE, TYPE);
  FailoverPolicy policy = TYPE;
  long seq = 0;

  /** As a reconcile does: the circuits catch up with the time and the fleet, then the outcome applies. */
  FleetFailover.Step report(String agent, Outcome outcome, Instant at) {
    circuits = CircuitBreaker.tick(circuits, policy, at, this::member).circuits();
    FleetFailover.Step step = FleetFailover.applyOutcome(circuits, state(agent), agent, outcome, policy, at, NO_USAGE);
    circuits = step.circuits();
    agents.put(agent, step.agent().state());
    return step;
  }

  FleetFailover.Step report(String agent, OutcomeKind kind, Instant at) {
    return report(agent, new Outcome(++seq, kind, Optional.of(state(agent).tier()), Optional.empty()), at);
  }

  FleetFailover.Step follow(String agent, Instant at) {
    circuits = CircuitBreaker.tick(circuits, policy, at, this::member).circuits();
    FleetFailover.Step step = FleetFailover.follow(circuits, state(agent), agent, policy, at, NO_USAGE);
    circuits = step.circuits();
    agents.put(agent, step.agent().state());
    return step;
  }

  Optional<Member> member(String agent) {
    return Optional.ofNullable(agents.get(agent)).map(state -> new Member(state.tier(), state.paused()));
  }

  FailoverState state(String agent) {
    return agents.computeIfAbsent(agent, name -> FailoverState.INITIAL);
  }

  Circuit tier(int tier) {
    return circuits.of(tier).orElseThrow();
  }

  void fleet(String... names) {
    for (String name : names) {
      state(name);
    }
  }

  @Test
  void oneQuotaReportOpensTheTierAndEveryAgentOnItStepsDown() {
    fleet("a", "b", "c");

    FleetFailover.Step tripped = report("a", OutcomeKind.QUOTA, NOW);
    FleetFailover.Step b = follow("b", NOW);
    follow("c", NOW);

    assertThat(tripped.circuitEvents()).extracting(CircuitEvent::reason).containsExactly(CircuitEvent.Reason.CircuitOpened);
    assertThat(tier(1).state()).isEqualTo(CircuitState.Open);
    assertThat(tier(1).lastTripAgent()).contains("a");
    assertThat(agents.values()).extracting(FailoverState::tier).containsOnly(2);
    assertThat(agents.values()).extracting(FailoverState::cooldownUntil).containsOnly(tier(1).openUntil());
    assertThat(b.agent().events()).singleElement().satisfies(event -> {
      assertThat(event.type()).isEqualTo(ChangeReason.TierChanged);
      assertThat(event.kind()).contains(OutcomeKind.QUOTA);
      assertThat(event.message()).isEqualTo("tier 1 (anthropic) -> tier 2 (deepseek): circuit opened by a (quota)");
    });
  }

  @Test
  void twoAgentsReportingTheSameFailureAtOnceTripOnce() {
    fleet("a", "b");
    // both reconciles started from the same statuses; b's write conflicted and it ran again on the new circuits
    report("a", OutcomeKind.QUOTA, NOW);
    FleetFailover.Step second = report("b", OutcomeKind.QUOTA, NOW);

    assertThat(second.circuitEvents()).isEmpty();
    assertThat(tier(1).trips()).isEqualTo(1);
    assertThat(state("b").tier()).isEqualTo(2);
  }

  @Test
  void aStaleReportNeverOpensACircuit() {
    fleet("a", "b");
    report("a", OutcomeKind.QUOTA, NOW);
    follow("b", NOW);
    // b's task on tier 1 started before the circuit moved it, and fails now, stamped tier 1
    FleetFailover.Step stale = report("b", new Outcome(++seq, OutcomeKind.AUTH, Optional.of(1), Optional.empty()),
        NOW.plusSeconds(1));

    assertThat(stale.circuitEvents()).isEmpty();
    assertThat(stale.agent().events()).isEmpty();
    assertThat(tier(2).state()).isEqualTo(CircuitState.Closed);
    assertThat(state("b").tier()).isEqualTo(2);
  }

  @Test
  void aStaleSuccessOfTheCanaryDecidesNothing() {
    fleet("a", "b");
    report("a", OutcomeKind.QUOTA, NOW);
    report("a", OutcomeKind.SUCCESS, NOW.plusSeconds(60));
    assertThat(tier(1).canary()).contains("a");

    report("a", new Outcome(++seq, OutcomeKind.SUCCESS, Optional.of(2), Optional.empty()), NOW.plusSeconds(61));

    assertThat(tier(1).state()).isEqualTo(CircuitState.HalfOpen);
  }

  @Test
  void recoveryGoesThroughOneCanaryAndItsSuccessBringsEveryoneBack() {
    fleet("a", "b", "c");
    report("a", OutcomeKind.QUOTA, NOW);
    follow("b", NOW);
    follow("c", NOW);
    Instant later = NOW.plusSeconds(60);

    circuits = CircuitBreaker.tick(circuits, policy, later, this::member).circuits();
    FleetFailover.Step canary = report("b", OutcomeKind.SUCCESS, later);
    FleetFailover.Step other = report("c", OutcomeKind.SUCCESS, later);

    assertThat(tier(1).state()).isEqualTo(CircuitState.HalfOpen);
    assertThat(tier(1).canary()).contains("b");
    assertThat(canary.agent().state().tier()).isEqualTo(1);
    assertThat(other.agent().state().tier()).as("only one canary").isEqualTo(2);

    FleetFailover.Step closed = report("b", OutcomeKind.SUCCESS, later.plusSeconds(5));
    assertThat(closed.circuitEvents()).extracting(CircuitEvent::reason).containsExactly(CircuitEvent.Reason.CircuitClosed);
    FleetFailover.Step back = follow("c", later.plusSeconds(5));
    follow("a", later.plusSeconds(5));

    assertThat(agents.values()).extracting(FailoverState::tier).containsOnly(1);
    assertThat(back.agent().events()).singleElement().satisfies(event -> {
      assertThat(event.type()).isEqualTo(ChangeReason.Recovered);
      assertThat(event.message()).isEqualTo("tier 2 (deepseek) -> tier 1 (anthropic): circuit closed");
    });
  }

  @Test
  void theCanarysFailureOpensTheCircuitAgainDampedAndTheCanaryStepsDown() {
    fleet("a", "b");
    report("a", OutcomeKind.QUOTA, NOW);
    follow("b", NOW);
    Instant later = NOW.plusSeconds(60);
    circuits = CircuitBreaker.tick(circuits, policy, later, this::member).circuits();
    report("b", OutcomeKind.SUCCESS, later);

    FleetFailover.Step failed = report("b", OutcomeKind.QUOTA, later.plusSeconds(1));

    assertThat(failed.circuitEvents()).extracting(CircuitEvent::message)
        .containsExactly("tier 1 (anthropic) opened again by b: quota; open until 2026-12-01T10:03:01Z (trip 2)");
    assertThat(tier(1).state()).isEqualTo(CircuitState.Open);
    assertThat(tier(1).canary()).isEmpty();
    assertThat(state("b").tier()).isEqualTo(2);
    assertThat(state("b").cooldownUntil()).isEqualTo(tier(1).openUntil());
  }

  @Test
  void aCanaryDeletedOrPausedWhileHalfOpenGivesWayToAnother() {
    fleet("a", "b", "c");
    report("a", OutcomeKind.QUOTA, NOW);
    follow("b", NOW);
    follow("c", NOW);
    Instant later = NOW.plusSeconds(60);
    circuits = CircuitBreaker.tick(circuits, policy, later, this::member).circuits();
    report("a", OutcomeKind.SUCCESS, later);
    assertThat(tier(1).canary()).contains("a");

    agents.remove("a");
    report("b", OutcomeKind.SUCCESS, later.plusSeconds(1));
    follow("b", later.plusSeconds(1));
    assertThat(tier(1).canary()).as("a deleted: b takes over").contains("b");
    assertThat(state("b").tier()).isEqualTo(1);

    agents.put("b", FailoverStateMachine.applyAction(state("b"), ManualAction.PAUSE, policy).state());
    follow("c", later.plusSeconds(2));
    report("c", OutcomeKind.SUCCESS, later.plusSeconds(2));
    assertThat(tier(1).canary()).as("b paused: c takes over").contains("c");
  }

  @Test
  void nobodyStepsOntoAnOpenTierAndWithNoneLeftOnExhaustedApplies() {
    fleet("a", "b");
    report("a", OutcomeKind.QUOTA, NOW);
    follow("b", NOW);
    report("a", OutcomeKind.AUTH, NOW.plusSeconds(1));
    follow("b", NOW.plusSeconds(1));
    report("a", OutcomeKind.AUTH, NOW.plusSeconds(2));
    follow("b", NOW.plusSeconds(2));

    assertThat(circuits.openTiers()).isEqualTo("1,2,3");
    assertThat(agents.values()).extracting(FailoverState::pausedReason).containsOnly(Optional.of(PauseReason.ChainExhausted));
  }

  @Test
  void withWrapAStepSkipsOpenTiers() {
    policy = Specs.policy(Specs.THREE_TIERS + "failover: {scope: Type, onExhausted: Wrap}\n");
    circuits = CircuitBreaker.align(Circuits.NONE, policy);
    fleet("a", "b");
    report("a", OutcomeKind.QUOTA, NOW);
    report("b", new Outcome(++seq, OutcomeKind.AUTH, Optional.empty(), Optional.empty()), NOW);
    follow("b", NOW);
    assertThat(state("b").tier()).isEqualTo(2);
    report("b", OutcomeKind.AUTH, NOW.plusSeconds(1));
    report("b", OutcomeKind.AUTH, NOW.plusSeconds(2));

    assertThat(state("b").pausedReason()).as("tier 1 is open: nowhere to wrap to").contains(PauseReason.ChainExhausted);
  }

  @Test
  void aChainEditedShorterWhileItsLastTierIsOpenPutsAgentsOnTheNewLastTierOrPausesThem() {
    fleet("a", "b");
    report("a", OutcomeKind.QUOTA, NOW);
    follow("b", NOW);
    report("a", OutcomeKind.AUTH, NOW);
    follow("b", NOW);
    assertThat(state("b").tier()).isEqualTo(3);

    policy = Specs.policy("""
        providerChain:
        - {provider: anthropic, model: m, credentialsSecretRef: {name: k, key: api-key}}
        - {provider: deepseek, model: m, credentialsSecretRef: {name: k, key: api-key}}
        failover: {scope: Type, cooldownSeconds: 60}
        """);
    circuits = CircuitBreaker.align(circuits, policy);
    agents.put("b", FailoverStateMachine.clampToChain(state("b"), policy).state());
    follow("b", NOW.plusSeconds(1));

    assertThat(circuits.openTiers()).isEqualTo("1,2");
    assertThat(state("b").pausedReason()).as("clamped onto open tier 2, nothing left").contains(PauseReason.ChainExhausted);
  }

  @Test
  void scopeTypeToAgentAndBackLeavesAgentsWhereTheyAreWithTheirOwnCooldowns() {
    fleet("a", "b");
    report("a", OutcomeKind.QUOTA, NOW);
    follow("b", NOW);

    policy = Specs.policy(Specs.THREE_TIERS + "failover: {scope: Agent, cooldownSeconds: 60}\n");
    circuits = CircuitBreaker.align(circuits, policy);
    FleetFailover.Step agentScope = follow("b", NOW.plusSeconds(1));
    assertThat(agentScope.agent().events()).isEmpty();
    assertThat(state("b").tier()).isEqualTo(2);

    policy = TYPE;
    circuits = CircuitBreaker.align(circuits, policy);
    FleetFailover.Step back = follow("b", NOW.plusSeconds(2));
    assertThat(back.agent().events()).as("fresh circuits never closed since b failed").isEmpty();
    FleetFailover.Step cooled = report("b", OutcomeKind.SUCCESS, NOW.plusSeconds(60));
    assertThat(cooled.agent().state().tier()).as("its own cooldown over: back to the closed tier 1").isEqualTo(1);
  }

  @Test
  void closingEveryCircuitBringsTheAgentsBack() {
    fleet("a", "b");
    report("a", OutcomeKind.QUOTA, NOW);
    follow("b", NOW);

    circuits = CircuitBreaker.closeAll(circuits, NOW.plusSeconds(5), "alice").circuits();
    follow("a", NOW.plusSeconds(5));
    follow("b", NOW.plusSeconds(5));

    assertThat(agents.values()).extracting(FailoverState::tier).containsOnly(1);
  }

  @Test
  void aPausedAgentStaysWhereItIs() {
    fleet("a", "b");
    agents.put("b", FailoverStateMachine.applyAction(state("b"), ManualAction.PAUSE, policy).state());
    report("a", OutcomeKind.QUOTA, NOW);

    assertThat(follow("b", NOW).agent().events()).isEmpty();
    assertThat(state("b").tier()).isEqualTo(1);
  }

  @Test
  void aRestartedOperatorCarriesOnFromTheStatusesAlone() {
    fleet("a", "b");
    report("a", OutcomeKind.QUOTA, NOW);
    Circuits open = circuits;
    Map<String, FailoverState> statuses = Map.copyOf(agents);

    // a "restart": nothing but the saved circuits and agent states, the same inputs, twice
    FleetFailover.Step first = FleetFailover.follow(open, statuses.get("b"), "b", policy, NOW.plusSeconds(70), NO_USAGE);
    FleetFailover.Step again = FleetFailover.follow(open, statuses.get("b"), "b", policy, NOW.plusSeconds(70), NO_USAGE);
    assertThat(first).isEqualTo(again);

    CircuitTransition halfOpen = CircuitBreaker.tick(open, policy, NOW.plusSeconds(60), NOBODY);
    assertThat(halfOpen.circuits().of(1).orElseThrow().state()).isEqualTo(CircuitState.HalfOpen);
    assertThat(CircuitBreaker.tick(halfOpen.circuits(), policy, NOW.plusSeconds(61), NOBODY).events())
        .as("half-open is announced once").isEmpty();
  }

  @Test
  void aCanaryMovedAwayIsBroughtBackToItsTier() {
    fleet("a");
    report("a", OutcomeKind.QUOTA, NOW);
    circuits = CircuitBreaker.claim(CircuitBreaker.tick(circuits, policy, NOW.plusSeconds(60), NOBODY).circuits(), 1, "a");

    FleetFailover.Step step = FleetFailover.follow(circuits, state("a"), "a", policy, NOW.plusSeconds(60), NO_USAGE);

    assertThat(step.agent().state().tier()).isEqualTo(1);
    assertThat(step.agent().events()).extracting(StateChange::type).containsExactly(ChangeReason.Recovered);
  }
}
