package io.failover.agents.core.failover;

import java.util.List;

/** A new state and the events that got there (none when nothing moved). */
public record Transition(FailoverState state, List<StateChange> events) {

  public Transition {
    events = List.copyOf(events);
  }

  static Transition quiet(FailoverState state) {
    return new Transition(state, List.of());
  }

  static Transition of(FailoverState state, StateChange event) {
    return new Transition(state, List.of(event));
  }

  public boolean moved() {
    return !events.isEmpty();
  }
}
