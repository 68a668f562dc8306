package io.failover.agents.core.circuit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The circuits of one AgentType, one per tier of its chain in tier order (none in Agent scope). */
public record Circuits(List<Circuit> all) {
  public static final Circuits NONE = new Circuits(List.of());

  public Circuits {
    all = List.copyOf(all);
  }

  /** The circuit of a 1-based tier, if the chain has one. */
  public Optional<Circuit> of(int tier) {
    return all.stream().filter(circuit -> circuit.tier() == tier).findFirst();
  }

  /** The OPEN column: the open or half-open tiers, e.g. {@code 1} or {@code 1,2}; empty when all are closed. */
  public String openTiers() {
    return all.stream().filter(Circuit::notClosed).map(circuit -> Integer.toString(circuit.tier()))
        .collect(Collectors.joining(","));
  }

  Circuits with(Circuit changed) {
    List<Circuit> replaced = new ArrayList<>(all);
    replaced.replaceAll(circuit -> circuit.tier() == changed.tier() ? changed : circuit);
    return new Circuits(replaced);
  }
}
