package io.failover.agents.dashboard.http;

import io.failover.agents.dashboard.cluster.ClusterWatch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's own metrics: the JVM's and the process's, whether its caches have synced, and its
 * answers by status code (the operator has its own registry; the two roles are separate processes).
 */
@Singleton
@Requires(property = Role.PROPERTY, value = Role.DASHBOARD)
final class DashboardMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final Map<Integer, Counter> answers = new ConcurrentHashMap<>();

  DashboardMetrics(ClusterWatch cluster) {
    new JvmInfoMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    gc.bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    Gauge.builder("failover_dashboard_ready", () -> cluster.synced() ? 1 : 0)
        .description("1 once the dashboard's caches of Agents and AgentTypes have synced").register(registry);
  }

  void answered(int status) {
    answers.computeIfAbsent(status, code -> Counter.builder("failover_dashboard_http_responses")
        .description("Answers of the dashboard, by HTTP status code").tag("code", Integer.toString(code))
        .register(registry)).increment();
  }

  String scrape() {
    return registry.scrape();
  }

  @PreDestroy
  void close() {
    gc.close();
  }
}
