package io.failover.agents.dashboard.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/** {@code GET /metrics}: the dashboard's Prometheus metrics, open like its health endpoints (no user data in them). */
@Controller
@Requires(property = Role.PROPERTY, value = Role.DASHBOARD)
final class MetricsController {
  private final DashboardMetrics metrics;

  MetricsController(DashboardMetrics metrics) {
    this.metrics = metrics;
  }

  @Get(uri = "/metrics", produces = "text/plain; version=0.0.4; charset=utf-8")
  String metrics() {
    return metrics.scrape();
  }
}
