package io.failover.agents.operator.metrics;

import io.failover.agents.core.AgentRef;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The operator's Prometheus metrics, served at /metrics. */
public final class FailoverMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<AgentRef, AgentGauges> agents = new ConcurrentHashMap<>();
  private final Timer intake;
  private final Timer ledgerCommit;

  private record AgentGauges(AtomicInteger tier, AtomicInteger paused) {}

  public FailoverMetrics() {
    intake = Timer.builder("failover_intake_latency")
        .description("Time from receiving a report to answering it (durable in the ledger)")
        .publishPercentileHistogram().register(registry);
    ledgerCommit = Timer.builder("failover_ledger_commit_latency")
        .description("Time to commit one group of ledger writes")
        .publishPercentileHistogram().register(registry);
  }

  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  public void report(boolean success, String kind) {
    String result = success ? "success" : "error";
    counters.computeIfAbsent("reports|" + result + "|" + kind, key -> Counter.builder("failover_reports")
        .description("Reports committed, by result and classified kind")
        .tag("result", result).tag("kind", kind).register(registry)).increment();
  }

  public void tokens(String namespace, String agentType, String provider, long tokens) {
    if (tokens > 0) {
      counters.computeIfAbsent("tokens|" + namespace + "|" + agentType + "|" + provider, key -> Counter.builder("failover_tokens")
          .description("Input+output tokens reported, per AgentType and provider")
          .tag("namespace", namespace).tag("agent_type", agentType).tag("provider", provider)
          .register(registry)).increment(tokens);
    }
  }

  public void stateChange(String event, String kind) {
    Counter.builder("failover_state_changes").description("State changes, by event and failure kind")
        .tag("event", event).tag("kind", kind).register(registry).increment();
  }

  public void agentState(AgentRef agent, int tier, boolean paused) {
    AgentGauges gauges = agents.computeIfAbsent(agent, ref -> {
      AgentGauges created = new AgentGauges(new AtomicInteger(), new AtomicInteger());
      Gauge.builder("failover_agent_tier", created.tier(), AtomicInteger::get).description("Active tier of each agent")
          .tag("namespace", ref.namespace()).tag("agent", ref.name()).register(registry);
      Gauge.builder("failover_agent_paused", created.paused(), AtomicInteger::get).description("1 while an agent is paused")
          .tag("namespace", ref.namespace()).tag("agent", ref.name()).register(registry);
      return created;
    });
    gauges.tier().set(tier);
    gauges.paused().set(paused ? 1 : 0);
  }

  public void intakeLatency(Duration duration) {
    intake.record(duration);
  }

  public void ledgerCommit(long nanos) {
    ledgerCommit.record(Duration.ofNanos(nanos));
  }

  /** The Prometheus text exposition. */
  public String scrape() {
    return registry.scrape();
  }
}
