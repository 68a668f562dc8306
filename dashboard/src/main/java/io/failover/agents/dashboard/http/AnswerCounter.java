package io.failover.agents.dashboard.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/** Counts every answer of the dashboard by status code, for its /metrics. */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(property = Role.PROPERTY, value = Role.DASHBOARD)
final class AnswerCounter {
  private final DashboardMetrics metrics;

  AnswerCounter(DashboardMetrics metrics) {
    this.metrics = metrics;
  }

  @ResponseFilter
  void count(HttpResponse<?> response) {
    metrics.answered(response.code());
  }
}
