package io.failover.agents.operator.metrics;

import io.failover.agents.core.circuit.Circuit;
import io.failover.agents.core.circuit.CircuitState;
import io.failover.agents.core.circuit.Circuits;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The circuits of Type-scoped AgentTypes (SPEC section 10): {@code failover_circuit_state} per tier
 * (0 Closed, 1 HalfOpen, 2 Open) and {@code failover_circuit_trips_total}, the openings counted as they
 * are committed. A type's series follow its status: they go with its circuits (Agent scope, a tier
 * removed) or with the type.
 */
public final class CircuitGauges {
  private final MeterRegistry registry;
  private final Map<TypeKey, Map<SeriesKey, Series>> types = new ConcurrentHashMap<>();

  record TypeKey(String namespace, String type) {}

  private record SeriesKey(int tier, String provider) {}

  private record Series(AtomicInteger state, List<Meter> meters) {}

  CircuitGauges(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The type's circuits as its status now holds them. */
  synchronized void set(TypeKey type, Circuits circuits) {
    Map<SeriesKey, Series> current = types.computeIfAbsent(type, key -> new HashMap<>());
    Map<SeriesKey, Series> kept = new HashMap<>();
    for (Circuit circuit : circuits.all()) {
      SeriesKey key = new SeriesKey(circuit.tier(), circuit.provider());
      Series series = current.containsKey(key) ? current.remove(key) : register(type, key);
      series.state().set(value(circuit.state()));
      kept.put(key, series);
    }
    current.values().forEach(gone -> gone.meters().forEach(registry::remove));
    if (kept.isEmpty()) {
      types.remove(type);
    } else {
      types.put(type, kept);
    }
  }

  /** One committed opening of a tier's circuit. */
  synchronized void tripped(TypeKey type, int tier, String provider) {
    Map<SeriesKey, Series> current = types.computeIfAbsent(type, key -> new HashMap<>());
    Series series = current.computeIfAbsent(new SeriesKey(tier, provider), key -> register(type, key));
    series.meters().stream().filter(Counter.class::isInstance).map(Counter.class::cast).forEach(Counter::increment);
  }

  synchronized void forget(TypeKey type) {
    Map<SeriesKey, Series> gone = types.remove(type);
    if (gone != null) {
      gone.values().forEach(series -> series.meters().forEach(registry::remove));
    }
  }

  private Series register(TypeKey type, SeriesKey key) {
    AtomicInteger state = new AtomicInteger();
    Tags tags = Tags.of("namespace", type.namespace(), "type", type.type(), "tier", Integer.toString(key.tier()),
        "provider", key.provider());
    List<Meter> meters = new ArrayList<>();
    meters.add(Gauge.builder("failover_circuit_state", state, AtomicInteger::get)
        .description("The circuit of a tier of a Type-scoped AgentType: 0 Closed, 1 HalfOpen, 2 Open")
        .tags(tags).register(registry));
    meters.add(Counter.builder("failover_circuit_trips")
        .description("Times the circuit of a tier opened").tags(tags).register(registry));
    return new Series(state, meters);
  }

  private static int value(CircuitState state) {
    return switch (state) {
      case Closed -> 0;
      case HalfOpen -> 1;
      case Open -> 2;
    };
  }
}
