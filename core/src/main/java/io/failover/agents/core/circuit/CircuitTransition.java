package io.failover.agents.core.circuit;

import java.util.ArrayList;
import java.util.List;

/** New circuits and the events that got there (none when nothing changed). */
public record CircuitTransition(Circuits circuits, List<CircuitEvent> events) {

  public CircuitTransition {
    events = List.copyOf(events);
  }

  static CircuitTransition quiet(Circuits circuits) {
    return new CircuitTransition(circuits, List.of());
  }

  /** This transition followed by the next, applied to its circuits. */
  CircuitTransition then(java.util.function.Function<Circuits, CircuitTransition> next) {
    CircuitTransition after = next.apply(circuits);
    List<CircuitEvent> joined = new ArrayList<>(events);
    joined.addAll(after.events());
    return new CircuitTransition(after.circuits(), joined);
  }
}
