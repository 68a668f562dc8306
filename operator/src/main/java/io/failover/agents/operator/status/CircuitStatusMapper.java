package io.failover.agents.operator.status;

import io.failover.agents.api.CircuitStatus;
import io.failover.agents.core.circuit.Circuit;
import io.failover.agents.core.circuit.CircuitState;
import io.failover.agents.core.circuit.Circuits;
import io.failover.agents.core.outcome.OutcomeKind;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The circuits as kept in an AgentType's status (SPEC section 10), and the status entries from circuits. */
public final class CircuitStatusMapper {
  private CircuitStatusMapper() {}

  /** Entries that cannot be read (a tier missing, say, after a hand edit) are left out: they start closed. */
  public static Circuits read(List<CircuitStatus> entries) {
    if (entries == null) {
      return Circuits.NONE;
    }
    return new Circuits(entries.stream()
        .filter(entry -> entry != null && entry.getTier() != null && entry.getProvider() != null)
        .map(CircuitStatusMapper::circuit)
        .toList());
  }

  /** The status entries; {@code null} when there are none, so Agent scope shows no circuits at all. */
  public static List<CircuitStatus> write(Circuits circuits) {
    if (circuits.all().isEmpty()) {
      return null;
    }
    return circuits.all().stream().map(CircuitStatusMapper::entry).toList();
  }

  private static Circuit circuit(CircuitStatus entry) {
    CircuitState state = Arrays.stream(CircuitState.values()).filter(s -> s.name().equals(entry.getState())).findFirst()
        .orElse(CircuitState.Closed);
    return new Circuit(entry.getTier(), entry.getProvider(), state, AgentStatusMapper.instant(entry.getOpenUntil()),
        entry.getTrips() == null || entry.getTrips() < 0 ? 0 : entry.getTrips(),
        Optional.ofNullable(entry.getCanary()).filter(name -> !name.isBlank()),
        Optional.ofNullable(entry.getLastTripKind()).flatMap(OutcomeKind::fromWireName),
        AgentStatusMapper.instant(entry.getLastTripAt()),
        Optional.ofNullable(entry.getLastTripAgent()).filter(name -> !name.isBlank()),
        AgentStatusMapper.instant(entry.getClosedAt()));
  }

  private static CircuitStatus entry(Circuit circuit) {
    CircuitStatus entry = new CircuitStatus();
    entry.setTier(circuit.tier());
    entry.setProvider(circuit.provider());
    entry.setState(circuit.state().name());
    entry.setOpenUntil(circuit.openUntil().map(Instant::toString).orElse(null));
    entry.setTrips(circuit.trips());
    entry.setCanary(circuit.canary().orElse(null));
    entry.setLastTripKind(circuit.lastTripKind().map(OutcomeKind::wireName).orElse(null));
    entry.setLastTripAt(circuit.lastTripAt().map(Instant::toString).orElse(null));
    entry.setLastTripAgent(circuit.lastTripAgent().orElse(null));
    entry.setClosedAt(circuit.closedAt().map(Instant::toString).orElse(null));
    return entry;
  }
}
