package io.failover.agents.operator.metrics;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.failover.agents.api.Agent;
import io.failover.agents.api.AgentType;
import io.failover.agents.core.AgentRef;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetricsV2;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The operator's Prometheus metrics, served at /metrics: the failover_* series, java-operator-sdk's
 * reconcile metrics and the JVM's. The series of one Agent or AgentType are removed when it is deleted.
 */
public final class FailoverMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final RuntimeMetrics runtime = new RuntimeMetrics(registry);
  private final AgentGauges agents = new AgentGauges(registry);
  private final BudgetGauges budgets = new BudgetGauges(registry);
  private final CircuitGauges circuits = new CircuitGauges(registry);
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Timer intake;
  private final Timer ledgerCommit;
  private final Metrics controllers;

  public FailoverMetrics() {
    intake = Timer.builder("failover_intake_latency")
        .description("Time from receiving a report to answering it (durable in the ledger)")
        .publishPercentileHistogram().register(registry);
    ledgerCommit = Timer.builder("failover_ledger_commit_latency")
        .description("Time to commit one group of ledger writes")
        .publishPercentileHistogram().register(registry);
    controllers = new ControllerMetrics(MicrometerMetricsV2.newBuilder(registry)
        .withExecutionTimerConfig(timer -> timer.publishPercentileHistogram()).build(), this::deleted);
  }

  /** What java-operator-sdk reports to (reconciles, and deletions, which remove a resource's series). */
  public Metrics controllers() {
    return controllers;
  }

  public void report(boolean success, String kind) {
    String result = success ? "success" : "error";
    counter("reports|" + result + "|" + kind, () -> Counter.builder("failover_reports")
        .description("Reports committed, by result and classified kind")
        .tag("result", result).tag("kind", kind)).increment();
  }

  /** One answer of the outcome intake, by HTTP status code (5xx: reports refused). */
  public void intakeAnswer(int status) {
    String code = Integer.toString(status);
    counter("intake|" + code, () -> Counter.builder("failover_intake_responses")
        .description("Answers of the outcome intake, by HTTP status code").tag("code", code)).increment();
  }

  public void tokens(String namespace, String agentType, String provider, long tokens) {
    if (tokens > 0) {
      counter(tokensKey(namespace, agentType) + provider, () -> Counter.builder("failover_tokens")
          .description("Input+output tokens reported, per AgentType and provider")
          .tag("namespace", namespace).tag("agent_type", agentType).tag("provider", provider)).increment(tokens);
    }
  }

  public void stateChange(String event, String kind) {
    counter("state|" + event + "|" + kind, () -> Counter.builder("failover_state_changes")
        .description("State changes, by event and failure kind").tag("event", event).tag("kind", kind)).increment();
  }

  /** An Agent's tier and pause, as its last reconcile committed them. */
  public void agentState(AgentRef agent, String agentType, int tier, Optional<String> pausedReason) {
    agents.set(agent, agentType, tier, pausedReason);
  }

  /** An AgentType's token budget; {@code usedTokens} is read at each scrape. */
  public void tokenBudget(String namespace, String agentType, long limitTokens, LongSupplier usedTokens) {
    budgets.set(new BudgetGauges.TypeKey(namespace, agentType), limitTokens, usedTokens);
  }

  /** The AgentType has no (valid) budget any more. */
  public void noTokenBudget(String namespace, String agentType) {
    budgets.forget(new BudgetGauges.TypeKey(namespace, agentType));
  }

  /** A Type-scoped AgentType's circuits, as its status now holds them (none: its series go). */
  public void circuits(String namespace, String agentType, io.failover.agents.core.circuit.Circuits current) {
    circuits.set(new CircuitGauges.TypeKey(namespace, agentType), current);
  }

  /** A committed opening of a circuit. */
  public void circuitTripped(String namespace, String agentType, int tier, String provider) {
    circuits.tripped(new CircuitGauges.TypeKey(namespace, agentType), tier, provider);
  }

  /** Whether this replica is ready and whether it holds the Lease (always, without leader election), read at each scrape. */
  public void operatorState(BooleanSupplier ready, BooleanSupplier leader) {
    Gauge.builder("failover_operator_ready", () -> ready.getAsBoolean() ? 1 : 0)
        .description("1 while the operator is ready: leading, caches synced, ledger committing").register(registry);
    Gauge.builder("failover_operator_leader", () -> leader.getAsBoolean() ? 1 : 0)
        .description("1 while this replica holds the Lease").register(registry);
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

  @Override
  public void close() {
    runtime.close();
  }

  private void deleted(String kind, ResourceID resource) {
    String namespace = resource.getNamespace().orElse("");
    if (HasMetadata.getKind(Agent.class).equals(kind)) {
      agents.forget(new AgentRef(namespace, resource.getName()));
    } else if (HasMetadata.getKind(AgentType.class).equals(kind)) {
      budgets.forget(new BudgetGauges.TypeKey(namespace, resource.getName()));
      circuits.forget(new CircuitGauges.TypeKey(namespace, resource.getName()));
      String prefix = tokensKey(namespace, resource.getName());
      counters.entrySet().removeIf(entry -> {
        if (!entry.getKey().startsWith(prefix)) {
          return false;
        }
        registry.remove(entry.getValue());
        return true;
      });
    }
  }

  private static String tokensKey(String namespace, String agentType) {
    return "tokens|" + namespace + "|" + agentType + "|";
  }

  private Counter counter(String key, java.util.function.Supplier<Counter.Builder> builder) {
    return counters.computeIfAbsent(key, created -> builder.get().register(registry));
  }
}
