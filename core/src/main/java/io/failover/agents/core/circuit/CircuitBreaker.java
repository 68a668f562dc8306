package io.failover.agents.core.circuit;

import io.failover.agents.core.failover.TierAccess;
import io.failover.agents.core.outcome.OutcomeKind;
import io.failover.agents.core.policy.CooldownRule;
import io.failover.agents.core.policy.FailoverPolicy;
import io.failover.agents.core.policy.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The circuit rules of SPEC section 10 as pure functions of the circuits (as kept in the AgentType's
 * status), the policy, the time and what happened: so a restarted operator, reading the status,
 * carries on exactly where the last one stopped. Nothing here touches Kubernetes or a clock.
 */
public final class CircuitBreaker {
  private CircuitBreaker() {}

  /**
   * One circuit per tier of the chain. A tier that now names another provider (the chain was edited)
   * starts closed; tiers past a shortened chain lose their circuit; Agent scope has none.
   */
  public static Circuits align(Circuits current, FailoverPolicy policy) {
    if (policy.scope() != Scope.TYPE) {
      return Circuits.NONE;
    }
    List<Circuit> aligned = new ArrayList<>();
    for (int tier = 1; tier <= policy.chainLength(); tier++) {
      String provider = policy.tier(tier).provider().wireName();
      aligned.add(current.of(tier).filter(circuit -> circuit.provider().equals(provider))
          .orElse(Circuit.closed(tier, provider)));
    }
    return new Circuits(aligned);
  }

  /**
   * Time passing and the fleet moving: an open circuit whose {@code openUntil} has come goes
   * half-open; a canary that was deleted, paused or moved above its tier gives way to the next; the
   * trips of a circuit closed for a full cooldown age out.
   *
   * @param fleet where each agent of the type stands, by name; empty for an agent that is gone
   */
  public static CircuitTransition tick(Circuits circuits, FailoverPolicy policy, Instant now,
      Function<String, Optional<Member>> fleet) {
    Circuits result = circuits;
    List<CircuitEvent> events = new ArrayList<>();
    for (Circuit circuit : circuits.all()) {
      Circuit next = circuit;
      if (next.state() == CircuitState.Open && next.openUntil().map(until -> !now.isBefore(until)).orElse(true)) {
        next = next.halfOpen();
        events.add(new CircuitEvent(CircuitEvent.Reason.CircuitHalfOpen, next.tier(), next.provider(), Optional.empty(),
            describe(next) + " half-open: the next agent to succeed on a lower tier tries it again"));
      }
      if (next.state() == CircuitState.HalfOpen && next.canary().isPresent()) {
        int tier = next.tier();
        boolean serving = fleet.apply(next.canary().get()).filter(member -> !member.paused() && member.tier() >= tier)
            .isPresent();
        if (!serving) {
          next = next.withCanary(Optional.empty());
        }
      }
      if (next.state() == CircuitState.Closed && next.trips() > 0 && calm(next, policy, now)) {
        next = next.withTrips(0);
      }
      if (!next.equals(circuit)) {
        result = result.with(next);
      }
    }
    return new CircuitTransition(result, events);
  }

  /**
   * An outcome of {@code agent} moved it off {@code tier}: a closed circuit opens, a half-open one
   * opens again (its canary failed), one trip more each time; an open one is already open, so a
   * second agent reporting the same failure adds no trip.
   */
  public static CircuitTransition trip(Circuits circuits, int tier, OutcomeKind kind, String agent, Instant now,
      Optional<Long> retryAfterSeconds, Optional<Instant> resetAt, FailoverPolicy policy) {
    Optional<Circuit> found = circuits.of(tier);
    if (found.isEmpty() || found.get().state() == CircuitState.Open) {
      return CircuitTransition.quiet(circuits);
    }
    Circuit circuit = found.get();
    boolean reopened = circuit.state() == CircuitState.HalfOpen;
    int trips = (reopened || !calm(circuit, policy, now) ? circuit.trips() : 0) + 1;
    // one agent's retry-after must not close a tier to the whole type for longer than the cap allows
    Optional<Long> retryWithinCap = retryAfterSeconds.map(seconds -> Math.min(seconds, policy.cooldownCap().toSeconds()));
    Instant until = now.plus(CooldownRule.cooldown(policy, trips, now, retryWithinCap, resetAt));
    Circuit opened = circuit.opened(trips, until, kind, now, agent);
    String how = reopened ? " opened again by " : " opened by ";
    return new CircuitTransition(circuits.with(opened), List.of(new CircuitEvent(CircuitEvent.Reason.CircuitOpened,
        tier, circuit.provider(), Optional.of(kind),
        describe(opened) + how + agent + ": " + kind.wireName() + "; open until " + until + " (trip " + trips + ")")));
  }

  /** The canary's success on its tier closes the circuit; anyone else's success decides nothing. */
  public static CircuitTransition succeeded(Circuits circuits, int tier, String agent, Instant now) {
    Optional<Circuit> found = circuits.of(tier)
        .filter(circuit -> circuit.state() == CircuitState.HalfOpen && circuit.canary().equals(Optional.of(agent)));
    if (found.isEmpty()) {
      return CircuitTransition.quiet(circuits);
    }
    Circuit closed = found.get().closedAt(now);
    return new CircuitTransition(circuits.with(closed), List.of(new CircuitEvent(CircuitEvent.Reason.CircuitClosed,
        tier, closed.provider(), Optional.empty(), describe(closed) + " closed: canary " + agent + " succeeded on it")));
  }

  /** A half-open tier without a canary takes the agent as its one canary; any other circuit stays. */
  public static Circuits claim(Circuits circuits, int tier, String agent) {
    return circuits.of(tier)
        .filter(circuit -> circuit.state() == CircuitState.HalfOpen && circuit.canary().isEmpty())
        .map(circuit -> circuits.with(circuit.withCanary(Optional.of(agent))))
        .orElse(circuits);
  }

  /** Closes every circuit that is not closed (the close-circuits annotation); their trips stay to age out. */
  public static CircuitTransition closeAll(Circuits circuits, Instant now, String actor) {
    Circuits result = circuits;
    List<CircuitEvent> events = new ArrayList<>();
    for (Circuit circuit : circuits.all()) {
      if (circuit.notClosed()) {
        Circuit closed = circuit.closedAt(now);
        result = result.with(closed);
        events.add(new CircuitEvent(CircuitEvent.Reason.CircuitClosed, closed.tier(), closed.provider(), Optional.empty(),
            describe(closed) + " closed by request (" + actor + ")"));
      }
    }
    return new CircuitTransition(result, events);
  }

  /**
   * The tiers open to one agent: a closed tier, or a half-open one it is the canary of. A cooled-down
   * success returns it to the best closed tier, or to a half-open one still without a canary (it then
   * claims it).
   */
  public static TierAccess access(Circuits circuits, String agent) {
    return new TierAccess() {
      @Override
      public boolean mayEnter(int tier) {
        return circuits.of(tier).map(circuit -> circuit.state() == CircuitState.Closed
            || (circuit.state() == CircuitState.HalfOpen && circuit.canary().equals(Optional.of(agent)))).orElse(true);
      }

      @Override
      public int recoveryTarget(int currentTier) {
        for (int tier = 1; tier < currentTier; tier++) {
          boolean free = circuits.of(tier).map(circuit -> circuit.state() == CircuitState.Closed
              || (circuit.state() == CircuitState.HalfOpen
                  && circuit.canary().map(agent::equals).orElse(true))).orElse(true);
          if (free) {
            return tier;
          }
        }
        return currentTier;
      }
    };
  }

  /** Closed long enough for its trips to age out: a full cooldown since it closed (or never opened). */
  private static boolean calm(Circuit circuit, FailoverPolicy policy, Instant now) {
    return circuit.state() == CircuitState.Closed
        && circuit.closedAt().map(at -> !now.isBefore(at.plus(policy.cooldown()))).orElse(true);
  }

  static String describe(Circuit circuit) {
    return "tier " + circuit.tier() + " (" + circuit.provider() + ")";
  }
}
