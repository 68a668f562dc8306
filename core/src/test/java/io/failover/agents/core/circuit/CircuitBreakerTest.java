package io.failover.agents.core.circuit;

import static io.failover.agents.core.circuit.CircuitState.Closed;
import static io.failover.agents.core.circuit.CircuitState.HalfOpen;
import static io.failover.agents.core.circuit.CircuitState.Open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.failover.agents.core.outcome.OutcomeKind;
import io.failover.agents.core.policy.FailoverPolicy;
import io.failover.agents.core.spec.Specs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every transition of a tier's circuit (SPEC section 10), one row each. */
class CircuitBreakerTest {
  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  static final FailoverPolicy TYPE = Specs.policy(Specs.THREE_TIERS
      + "failover: {scope: Type, cooldownSeconds: 60, maxCooldownSeconds: 600}\n");
  static final Function<String, Optional<Member>> NOBODY = name -> Optional.empty();

  static Circuits closed() {
    return CircuitBreaker.align(Circuits.NONE, TYPE);
  }

  static Circuits opened(int trips, Instant until) {
    Circuit circuit = Circuit.closed(1, "anthropic").opened(trips, until, OutcomeKind.QUOTA, NOW.minusSeconds(60), "a");
    return closed().with(circuit);
  }

  static Circuits halfOpen(Optional<String> canary) {
    return closed().with(Circuit.closed(1, "anthropic").opened(1, NOW, OutcomeKind.QUOTA, NOW.minusSeconds(60), "a")
        .halfOpen().withCanary(canary));
  }

  static CircuitTransition trip(Circuits circuits, String agent) {
    return CircuitBreaker.trip(circuits, 1, OutcomeKind.QUOTA, agent, NOW, Optional.empty(), Optional.empty(), TYPE);
  }

  /** {name, transition, expected state of tier 1, expected trips, expected openUntil, expected event}. */
  static Stream<Arguments> transitions() {
    return Stream.of(
        arguments("Closed -> Open on a trip, cooling one cooldown", trip(closed(), "a"),
            Open, 1, Optional.of(NOW.plusSeconds(60)), Optional.of(CircuitEvent.Reason.CircuitOpened)),
        arguments("Open absorbs a second agent's trip (one failure, one trip)", trip(opened(1, NOW.plusSeconds(30)), "b"),
            Open, 1, Optional.of(NOW.plusSeconds(30)), Optional.empty()),
        arguments("HalfOpen -> Open again when the canary fails, damped x2", trip(halfOpen(Optional.of("c")), "c"),
            Open, 2, Optional.of(NOW.plusSeconds(120)), Optional.of(CircuitEvent.Reason.CircuitOpened)),
        arguments("Open -> HalfOpen once openUntil has come", CircuitBreaker.tick(opened(1, NOW), TYPE, NOW, NOBODY),
            HalfOpen, 1, Optional.of(NOW), Optional.of(CircuitEvent.Reason.CircuitHalfOpen)),
        arguments("Open stays open before openUntil", CircuitBreaker.tick(opened(1, NOW.plusSeconds(1)), TYPE, NOW, NOBODY),
            Open, 1, Optional.of(NOW.plusSeconds(1)), Optional.empty()),
        arguments("HalfOpen -> Closed on the canary's success",
            CircuitBreaker.succeeded(halfOpen(Optional.of("c")), 1, "c", NOW), Closed, 1, Optional.empty(),
            Optional.of(CircuitEvent.Reason.CircuitClosed)),
        arguments("another agent's success decides nothing",
            CircuitBreaker.succeeded(halfOpen(Optional.of("c")), 1, "d", NOW), HalfOpen, 1, Optional.of(NOW), Optional.empty()),
        arguments("close-circuits closes an open circuit and keeps its trips",
            CircuitBreaker.closeAll(opened(3, NOW.plusSeconds(600)), NOW, "alice"), Closed, 3, Optional.empty(),
            Optional.of(CircuitEvent.Reason.CircuitClosed)),
        arguments("close-circuits on closed circuits records nothing", CircuitBreaker.closeAll(closed(), NOW, "alice"),
            Closed, 0, Optional.empty(), Optional.empty()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transitions")
  void transition(String name, CircuitTransition result, CircuitState state, int trips, Optional<Instant> openUntil,
      Optional<CircuitEvent.Reason> event) {
    Circuit tier1 = result.circuits().of(1).orElseThrow();
    assertThat(tier1.state()).isEqualTo(state);
    assertThat(tier1.trips()).isEqualTo(trips);
    assertThat(tier1.openUntil()).isEqualTo(openUntil);
    assertThat(result.events()).extracting(CircuitEvent::reason).containsExactlyElementsOf(event.stream().toList());
  }

  @Test
  void theOpenedEventNamesTheAgentTheKindAndTheTime() {
    assertThat(trip(closed(), "coder-7").events()).singleElement().satisfies(event -> {
      assertThat(event.kind()).contains(OutcomeKind.QUOTA);
      assertThat(event.message())
          .isEqualTo("tier 1 (anthropic) opened by coder-7: quota; open until 2026-12-01T10:01:00Z (trip 1)");
    });
  }

  @Test
  void oneAgentsRetryAfterOpensTheTierForTheTypeAtMostForTheCap() {
    CircuitTransition hostile = CircuitBreaker.trip(closed(), 1, OutcomeKind.RATE_LIMIT, "a", NOW,
        Optional.of(1_000_000_000L), Optional.empty(), TYPE);
    CircuitTransition honest = CircuitBreaker.trip(closed(), 1, OutcomeKind.RATE_LIMIT, "a", NOW,
        Optional.of(300L), Optional.empty(), TYPE);

    assertThat(hostile.circuits().of(1).orElseThrow().openUntil()).contains(NOW.plusSeconds(600));
    assertThat(honest.circuits().of(1).orElseThrow().openUntil()).contains(NOW.plusSeconds(300));
  }

  static Stream<Arguments> damping() {
    return Stream.of(arguments(1, 60), arguments(2, 120), arguments(3, 240), arguments(4, 480), arguments(5, 600),
        arguments(40, 600));
  }

  @ParameterizedTest(name = "trip {0} cools {1}s")
  @MethodSource("damping")
  void eachReopeningDoublesTheCooldownUpToTheCap(int trip, long seconds) {
    Circuits before = halfOpen(Optional.of("c")).with(halfOpen(Optional.of("c")).of(1).orElseThrow().withTrips(trip - 1));

    assertThat(trip(before, "c").circuits().of(1).orElseThrow().openUntil()).contains(NOW.plusSeconds(seconds));
  }

  @Test
  void tripsAgeOutOnlyAfterAFullCooldownClosed() {
    Circuits closedJustNow = CircuitBreaker.succeeded(halfOpen(Optional.of("c")).with(
        halfOpen(Optional.of("c")).of(1).orElseThrow().withTrips(3)), 1, "c", NOW).circuits();

    assertThat(trip(closedJustNow, "a").circuits().of(1).orElseThrow().trips()).as("reopened within the cooldown").isEqualTo(4);
    assertThat(CircuitBreaker.tick(closedJustNow, TYPE, NOW.plusSeconds(59), NOBODY).circuits().of(1).orElseThrow().trips())
        .isEqualTo(3);
    Circuits calm = CircuitBreaker.tick(closedJustNow, TYPE, NOW.plusSeconds(60), NOBODY).circuits();
    assertThat(calm.of(1).orElseThrow().trips()).isZero();
    assertThat(CircuitBreaker.trip(closedJustNow, 1, OutcomeKind.AUTH, "a", NOW.plusSeconds(60), Optional.empty(),
        Optional.empty(), TYPE).circuits().of(1).orElseThrow().trips()).as("aged out at the trip as well").isEqualTo(1);
  }

  @Test
  void aResetTimeLengthensTheCooldownUpToTheCap() {
    Circuit soon = CircuitBreaker.trip(closed(), 1, OutcomeKind.QUOTA, "a", NOW, Optional.empty(),
        Optional.of(NOW.plusSeconds(300)), TYPE).circuits().of(1).orElseThrow();
    Circuit tomorrow = CircuitBreaker.trip(closed(), 1, OutcomeKind.QUOTA, "a", NOW, Optional.empty(),
        Optional.of(NOW.plus(Duration.ofDays(1))), TYPE).circuits().of(1).orElseThrow();
    Circuit past = CircuitBreaker.trip(closed(), 1, OutcomeKind.QUOTA, "a", NOW, Optional.empty(),
        Optional.of(NOW.minusSeconds(300)), TYPE).circuits().of(1).orElseThrow();

    assertThat(soon.openUntil()).contains(NOW.plusSeconds(300));
    assertThat(tomorrow.openUntil()).as("capped at maxCooldownSeconds").contains(NOW.plusSeconds(600));
    assertThat(past.openUntil()).contains(NOW.plusSeconds(60));
  }

  static Stream<Arguments> canaries() {
    return Stream.of(
        arguments("deleted", Map.of(), true),
        arguments("paused", Map.of("c", new Member(1, true)), true),
        arguments("reset above its tier", Map.of("c", new Member(0, false)), true),
        arguments("still on its way (status not yet written)", Map.of("c", new Member(2, false)), false),
        arguments("serving on the tier", Map.of("c", new Member(1, false)), false));
  }

  @ParameterizedTest(name = "a canary {0} gives way: {2}")
  @MethodSource("canaries")
  void aCanaryThatCannotServeGivesWayToTheNext(String name, Map<String, Member> fleet, boolean givesWay) {
    Circuits after = CircuitBreaker.tick(halfOpen(Optional.of("c")), TYPE, NOW, agent -> Optional.ofNullable(fleet.get(agent)))
        .circuits();

    assertThat(after.of(1).orElseThrow().canary()).isEqualTo(givesWay ? Optional.empty() : Optional.of("c"));
    if (givesWay) {
      assertThat(CircuitBreaker.claim(after, 1, "d").of(1).orElseThrow().canary()).contains("d");
    }
  }

  @Test
  void exactlyOneCanaryPerCircuit() {
    Circuits first = CircuitBreaker.claim(halfOpen(Optional.empty()), 1, "c");

    assertThat(CircuitBreaker.claim(first, 1, "d").of(1).orElseThrow().canary()).contains("c");
    assertThat(CircuitBreaker.access(first, "c").mayEnter(1)).isTrue();
    assertThat(CircuitBreaker.access(first, "d").mayEnter(1)).isFalse();
    assertThat(CircuitBreaker.access(first, "d").recoveryTarget(2)).isEqualTo(2);
    assertThat(CircuitBreaker.access(halfOpen(Optional.empty()), "d").recoveryTarget(3)).isEqualTo(1);
  }

  @Test
  void nobodyEntersAnOpenTier() {
    Circuits open = opened(1, NOW.plusSeconds(60));

    assertThat(CircuitBreaker.access(open, "a").mayEnter(1)).isFalse();
    assertThat(CircuitBreaker.access(open, "a").mayEnter(2)).isTrue();
    assertThat(CircuitBreaker.access(open, "a").recoveryTarget(3)).isEqualTo(2);
  }

  @Test
  void aChainEditedShorterWhileOpenDropsTheCircuitsPastItsEnd() {
    Circuits threeOpen = closed().with(Circuit.closed(3, "ollama").opened(1, NOW.plusSeconds(60), OutcomeKind.AUTH, NOW, "a"));
    FailoverPolicy two = Specs.policy("""
        providerChain:
        - {provider: anthropic, model: m, credentialsSecretRef: {name: k, key: api-key}}
        - {provider: deepseek, model: m, credentialsSecretRef: {name: k, key: api-key}}
        failover: {scope: Type}
        """);

    Circuits aligned = CircuitBreaker.align(threeOpen, two);

    assertThat(aligned.all()).extracting(Circuit::tier).containsExactly(1, 2);
    assertThat(aligned.openTiers()).isEmpty();
  }

  @Test
  void aTierThatNowNamesAnotherProviderStartsClosed() {
    FailoverPolicy swapped = Specs.policy("""
        providerChain:
        - {provider: openai, model: m, credentialsSecretRef: {name: k, key: api-key}}
        - {provider: deepseek, model: m, credentialsSecretRef: {name: k, key: api-key}}
        failover: {scope: Type}
        """);

    Circuits aligned = CircuitBreaker.align(opened(1, NOW.plusSeconds(60)), swapped);

    assertThat(aligned.of(1).orElseThrow().state()).isEqualTo(Closed);
    assertThat(aligned.of(1).orElseThrow().provider()).isEqualTo("openai");
  }

  @Test
  void scopeTypeToAgentAndBackStartsFromClosedCircuits() {
    FailoverPolicy agentScope = Specs.policy(Specs.THREE_TIERS + "failover: {scope: Agent}\n");

    Circuits dropped = CircuitBreaker.align(opened(2, NOW.plusSeconds(60)), agentScope);
    Circuits back = CircuitBreaker.align(dropped, TYPE);

    assertThat(dropped.all()).isEmpty();
    assertThat(back.all()).extracting(Circuit::state).containsExactly(Closed, Closed, Closed);
    assertThat(back.openTiers()).isEmpty();
  }

  @Test
  void theOpenColumnListsOpenAndHalfOpenTiers() {
    Circuits both = halfOpen(Optional.empty()).with(Circuit.closed(2, "deepseek").opened(1, NOW, OutcomeKind.AUTH, NOW, "a"));

    assertThat(both.openTiers()).isEqualTo("1,2");
    assertThat(closed().openTiers()).isEmpty();
    assertThat(List.of(both.of(3).orElseThrow().state())).containsExactly(Closed);
  }
}
