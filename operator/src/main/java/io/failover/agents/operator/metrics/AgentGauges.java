package io.failover.agents.operator.metrics;

import io.failover.agents.core.AgentRef;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The per-Agent series: tier, paused, and the pause reason while paused. Each Agent's series carry
 * its type, so a changed {@code spec.type} or pause reason replaces them, and {@link #forget} removes
 * them when the Agent is deleted: no series outlives its Agent (SPEC section 11).
 */
public final class AgentGauges {
  private final MeterRegistry registry;
  private final Map<AgentRef, Series> agents = new ConcurrentHashMap<>();

  /** One Agent's gauges; the reason gauge exists only while paused. */
  private static final class Series {
    final String type;
    final AtomicInteger tier = new AtomicInteger();
    final AtomicInteger paused = new AtomicInteger();
    final List<Meter> meters = new ArrayList<>();
    Optional<String> reason = Optional.empty();
    Meter reasonMeter;

    Series(String type) {
      this.type = type;
    }
  }

  AgentGauges(MeterRegistry registry) {
    this.registry = registry;
  }

  void set(AgentRef agent, String type, int tier, Optional<String> pausedReason) {
    agents.compute(agent, (ref, existing) -> {
      Series series = existing;
      if (series != null && !series.type.equals(type)) {
        remove(series);
        series = null;
      }
      if (series == null) {
        series = register(ref, type);
      }
      series.tier.set(tier);
      series.paused.set(pausedReason.isPresent() ? 1 : 0);
      if (!series.reason.equals(pausedReason)) {
        if (series.reasonMeter != null) {
          registry.remove(series.reasonMeter);
          series.reasonMeter = null;
        }
        series.reason = pausedReason;
        if (pausedReason.isPresent()) {
          series.reasonMeter = Gauge.builder("failover_agent_paused_reason", () -> 1)
              .description("1 while an agent is paused, with the reason (Manual, ChainExhausted or Spec)")
              .tags(tags(ref, type).and("reason", pausedReason.get())).register(registry);
        }
      }
      return series;
    });
  }

  void forget(AgentRef agent) {
    agents.computeIfPresent(agent, (ref, series) -> {
      remove(series);
      return null;
    });
  }

  int size() {
    return agents.size();
  }

  private Series register(AgentRef ref, String type) {
    Series series = new Series(type);
    series.meters.add(Gauge.builder("failover_agent_tier", series.tier, AtomicInteger::get)
        .description("Active tier of each agent").tags(tags(ref, type)).register(registry));
    series.meters.add(Gauge.builder("failover_agent_paused", series.paused, AtomicInteger::get)
        .description("1 while an agent is paused").tags(tags(ref, type)).register(registry));
    return series;
  }

  private void remove(Series series) {
    series.meters.forEach(registry::remove);
    if (series.reasonMeter != null) {
      registry.remove(series.reasonMeter);
    }
  }

  private static Tags tags(AgentRef ref, String type) {
    return Tags.of("namespace", ref.namespace(), "agent", ref.name(), "agent_type", type);
  }
}
