package io.failover.agents.operator.controller;

import static io.failover.agents.operator.testing.RunningOperator.NS;
import static io.failover.agents.operator.testing.RunningOperator.THREE_TIERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.failover.agents.api.AgentType;
import io.failover.agents.api.AgentTypeStatus;
import io.failover.agents.api.CircuitStatus;
import io.failover.agents.core.outcome.Report;
import io.failover.agents.operator.ledger.ProviderEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Circuits per AgentType (SPEC section 10) with the operator wired as in production against the
 * mock API server, which refuses stale status writes as a real one does.
 */
class CircuitIntegrationTest extends OperatorIntegrationTest {
  static final String TYPE_SCOPE = THREE_TIERS + "failover: {scope: Type, cooldownSeconds: 60}\n";
  static final List<String> FLEET = List.of("coder-1", "coder-2", "coder-3");

  void fleetOnTier1() {
    op.agentType("coder", TYPE_SCOPE);
    FLEET.forEach(name -> op.agent(name, "coder"));
    FLEET.forEach(this::awaitReady);
  }

  AgentType type() {
    return op.client.resources(AgentType.class).inNamespace(NS).withName("coder").get();
  }

  AgentTypeStatus awaitType(Predicate<AgentTypeStatus> condition) {
    await().atMost(WITHIN).until(() -> type().getStatus() != null && condition.test(type().getStatus()));
    return type().getStatus();
  }

  static CircuitStatus tier1(AgentTypeStatus status) {
    return status.getCircuits().get(0);
  }

  void awaitFleetOn(int tier, String provider) {
    FLEET.forEach(name -> {
      awaitStatus(name, s -> s.getTier() == tier);
      await().atMost(WITHIN).until(() -> provider.equals(op.env(name).get("AGENT_PROVIDER")));
    });
  }

  long secondsAhead(String time) {
    return Duration.between(op.clock.instant(), java.time.Instant.parse(time)).toSeconds();
  }

  List<ProviderEvent> typeRows() {
    return op.ledger().events(NS, "", Optional.empty(), 50).items();
  }

  @Test
  void oneQuotaReportOpensTheTierAndMovesEveryAgentOfTheType() {
    fleetOnTier1();
    assertThat(type().getStatus().getCircuits()).extracting(CircuitStatus::getState)
        .containsExactly("Closed", "Closed", "Closed");

    op.report("coder-1", Report.failed(402).onTier(1));

    awaitFleetOn(2, "deepseek");
    AgentTypeStatus status = awaitType(s -> "1".equals(s.getOpenTiers()));
    assertThat(tier1(status).getState()).isEqualTo("Open");
    assertThat(tier1(status).getTrips()).isEqualTo(1);
    assertThat(tier1(status).getLastTripKind()).isEqualTo("quota");
    assertThat(tier1(status).getLastTripAgent()).isEqualTo("coder-1");
    assertThat(secondsAhead(tier1(status).getOpenUntil())).isBetween(50L, 60L);
    await().atMost(WITHIN).untilAsserted(() -> assertThat(op.ledger().events(NS, "coder-2", Optional.empty(), 10).items())
        .singleElement().satisfies(row -> {
          assertThat(row.event()).isEqualTo("TierChanged");
          assertThat(row.actor()).isEqualTo("circuit");
          assertThat(row.kind()).contains("quota");
          assertThat(row.message()).isEqualTo("tier 1 (anthropic) -> tier 2 (deepseek): circuit opened by coder-1 (quota)");
        }));
    await().atMost(WITHIN).untilAsserted(() -> assertThat(typeRows()).singleElement().satisfies(row -> {
      assertThat(row.event()).isEqualTo("CircuitOpened");
      assertThat(row.agentType()).isEqualTo("coder");
      assertThat(row.fromTier()).isEqualTo(1);
    }));
    await().atMost(WITHIN).untilAsserted(() -> assertThat(op.events("coder")).anySatisfy(event -> {
      assertThat(event.getInvolvedObject().getKind()).isEqualTo("AgentType");
      assertThat(event.getReason()).isEqualTo("CircuitOpened");
      assertThat(event.getType()).isEqualTo("Warning");
    }));
    assertThat(op.metrics().scrape())
        .contains("failover_circuit_state{namespace=\"agents\",provider=\"anthropic\",tier=\"1\",type=\"coder\"} 2.0")
        .contains("failover_circuit_trips_total{namespace=\"agents\",provider=\"anthropic\",tier=\"1\",type=\"coder\"} 1.0");
  }

  @Test
  void agentsReportingTheSameFailureAtOnceTripTheCircuitOnce() {
    fleetOnTier1();

    CompletableFuture.allOf(FLEET.stream()
        .map(name -> CompletableFuture.runAsync(() -> op.report(name, Report.failed(401).onTier(1))))
        .toArray(CompletableFuture[]::new)).join();

    awaitFleetOn(2, "deepseek");
    AgentTypeStatus status = awaitType(s -> "1".equals(s.getOpenTiers()));
    assertThat(tier1(status).getTrips()).isEqualTo(1);
    assertThat(status.getCircuits().get(1).getState()).isEqualTo("Closed");
    await().pollDelay(Duration.ofMillis(500)).atMost(WITHIN).untilAsserted(() ->
        assertThat(typeRows()).extracting(ProviderEvent::event).containsExactly("CircuitOpened"));
  }

  @Test
  void oneCanaryTriesTheTierAgainAndItsSuccessBringsEveryoneBack() {
    fleetOnTier1();
    op.report("coder-1", Report.failed(402).onTier(1));
    awaitFleetOn(2, "deepseek");

    op.clock.advance(Duration.ofSeconds(61));
    op.report("coder-2", Report.succeeded().onTier(2));
    awaitStatus("coder-2", s -> s.getTier() == 1);
    AgentTypeStatus halfOpen = awaitType(s -> "HalfOpen".equals(tier1(s).getState()));
    assertThat(tier1(halfOpen).getCanary()).isEqualTo("coder-2");
    long other = op.report("coder-3", Report.succeeded().onTier(2)).seq();
    assertThat(awaitStatus("coder-3", s -> s.getLastOutcomeSeq() == other).getTier()).as("one canary only").isEqualTo(2);

    op.report("coder-2", Report.succeeded().onTier(1));

    awaitFleetOn(1, "anthropic");
    AgentTypeStatus closed = awaitType(s -> s.getOpenTiers() == null);
    assertThat(tier1(closed).getState()).isEqualTo("Closed");
    assertThat(tier1(closed).getCanary()).isNull();
    await().atMost(WITHIN).untilAsserted(() -> assertThat(typeRows()).extracting(ProviderEvent::event)
        .containsExactly("CircuitClosed", "CircuitHalfOpen", "CircuitOpened"));
    await().atMost(WITHIN).untilAsserted(() -> assertThat(op.ledger().events(NS, "coder-3", Optional.empty(), 10).items())
        .extracting(ProviderEvent::event, ProviderEvent::actor)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Recovered", "circuit"),
            org.assertj.core.groups.Tuple.tuple("TierChanged", "circuit")));
  }

  @Test
  void theCanarysFailureOpensTheTierAgainForTwiceAsLong() {
    fleetOnTier1();
    op.report("coder-1", Report.failed(402).onTier(1));
    awaitFleetOn(2, "deepseek");
    op.clock.advance(Duration.ofSeconds(61));
    op.report("coder-2", Report.succeeded().onTier(2));
    awaitType(s -> "coder-2".equals(tier1(s).getCanary()));

    op.report("coder-2", Report.failed(402).onTier(1));

    awaitStatus("coder-2", s -> s.getTier() == 2);
    AgentTypeStatus reopened = awaitType(s -> "Open".equals(tier1(s).getState()) && tier1(s).getTrips() == 2);
    assertThat(secondsAhead(tier1(reopened).getOpenUntil())).as("2 x cooldownSeconds").isBetween(110L, 120L);
  }

  @Test
  void theCloseCircuitsAnnotationClosesThemAllAndIsRemoved() {
    fleetOnTier1();
    op.report("coder-1", Report.failed(402).onTier(1));
    awaitFleetOn(2, "deepseek");

    op.client.resources(AgentType.class).inNamespace(NS).withName("coder").edit(type -> {
      type.getMetadata().setAnnotations(new java.util.HashMap<>(Map.of(AgentType.CLOSE_CIRCUITS_ANNOTATION, "now")));
      return type;
    });

    awaitFleetOn(1, "anthropic");
    await().atMost(WITHIN).until(() -> type().getMetadata().getAnnotations() == null
        || !type().getMetadata().getAnnotations().containsKey(AgentType.CLOSE_CIRCUITS_ANNOTATION));
    assertThat(awaitType(s -> s.getOpenTiers() == null).getCircuits()).extracting(CircuitStatus::getState)
        .containsOnly("Closed");
    await().atMost(WITHIN).untilAsserted(() -> assertThat(op.events("coder")).extracting(Event::getReason)
        .contains("CircuitClosed"));
  }

  @Test
  void aRestartWhileOpenChangesNoEnvSecretAndKeepsTheCircuit() {
    fleetOnTier1();
    op.report("coder-1", Report.failed(402).onTier(1));
    awaitFleetOn(2, "deepseek");
    AgentTypeStatus before = awaitType(s -> "1".equals(s.getOpenTiers()));
    Map<String, String> versions = FLEET.stream().collect(Collectors.toMap(name -> name,
        name -> op.envSecret(name).orElseThrow().getMetadata().getResourceVersion()));

    op.restart();
    await().pollDelay(Duration.ofSeconds(1)).until(() -> true);

    assertThat(tier1(type().getStatus()).getOpenUntil()).isEqualTo(tier1(before).getOpenUntil());
    assertThat(tier1(type().getStatus()).getTrips()).isEqualTo(1);
    FLEET.forEach(name -> assertThat(op.envSecret(name).orElseThrow().getMetadata().getResourceVersion())
        .isEqualTo(versions.get(name)));

    op.clock.advance(Duration.ofSeconds(61));
    op.report("coder-3", Report.succeeded().onTier(2));
    assertThat(awaitType(s -> "HalfOpen".equals(tier1(s).getState())).getCircuits().get(0).getCanary())
        .isEqualTo("coder-3");
  }

  @Test
  void agentScopeKeepsNoCircuitsAndMovesOnlyTheReportingAgent() {
    op.agentType("coder", THREE_TIERS);
    FLEET.forEach(name -> op.agent(name, "coder"));
    FLEET.forEach(this::awaitReady);

    op.report("coder-1", Report.failed(402).onTier(1));

    awaitStatus("coder-1", s -> s.getTier() == 2);
    assertThat(IntStream.of(0).mapToObj(i -> type().getStatus().getCircuits())).containsOnlyNulls();
    assertThat(op.get("coder-2").getStatus().getTier()).isEqualTo(1);
  }
}
