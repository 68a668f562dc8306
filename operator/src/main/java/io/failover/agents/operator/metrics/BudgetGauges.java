package io.failover.agents.operator.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An AgentType's token budget: its limit, and the tokens used within its window, read from the
 * ledger when scraped (a sliding window changes without any event). Only types with a budget have
 * these series; they go when the budget or the type does.
 */
public final class BudgetGauges {
  private static final Logger LOG = LoggerFactory.getLogger(BudgetGauges.class);

  private final MeterRegistry registry;
  private final Map<TypeKey, Series> types = new ConcurrentHashMap<>();

  public record TypeKey(String namespace, String name) {}

  private record Series(AtomicLong limit, AtomicReference<LongSupplier> used, List<Meter> meters) {}

  BudgetGauges(MeterRegistry registry) {
    this.registry = registry;
  }

  void set(TypeKey type, long limitTokens, LongSupplier usedTokens) {
    Series series = types.computeIfAbsent(type, this::register);
    series.limit().set(limitTokens);
    series.used().set(usedTokens);
  }

  void forget(TypeKey type) {
    types.computeIfPresent(type, (key, series) -> {
      series.meters().forEach(registry::remove);
      return null;
    });
  }

  private Series register(TypeKey type) {
    AtomicLong limit = new AtomicLong();
    AtomicReference<LongSupplier> used = new AtomicReference<>(() -> 0);
    Tags tags = Tags.of("namespace", type.namespace(), "agent_type", type.name());
    Meter limitGauge = Gauge.builder("failover_agenttype_budget_limit_tokens", limit, AtomicLong::get)
        .description("The token budget of an AgentType's tier-1 provider").tags(tags).register(registry);
    Meter usedGauge = Gauge.builder("failover_agenttype_budget_used_tokens", used, BudgetGauges::read)
        .description("Tokens the AgentType's agents spent on its tier-1 provider within the budget's window")
        .tags(tags).register(registry);
    return new Series(limit, used, List.of(limitGauge, usedGauge));
  }

  private static double read(AtomicReference<LongSupplier> used) {
    try {
      return used.get().getAsLong();
    } catch (RuntimeException unavailable) {
      LOG.debug("token usage not readable for the metrics: {}", unavailable.getMessage());
      return Double.NaN;
    }
  }
}
