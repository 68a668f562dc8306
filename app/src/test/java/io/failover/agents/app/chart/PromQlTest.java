package io.failover.agents.app.chart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Metric names are told from functions, keywords, label lists, matchers, ranges and literals. */
class PromQlTest {
  @Test
  void findsOnlyTheMetricNames() {
    assertThat(PromQl.metricNames("sum by (job, kind) (rate(failover_intake_responses_total{job=\"x\", code=~\"5..\"}[5m])) > 0"))
        .containsExactly("failover_intake_responses_total");
    assertThat(PromQl.metricNames("(a_ready{job=\"j\"} == 0) and on (job, instance) group_left (pod) (b_leader == 1) unless c offset 5m"))
        .containsExactly("a_ready", "b_leader", "c");
    assertThat(PromQl.metricNames("histogram_quantile(0.99, sum without (instance) (rate(x_bucket[$__rate_interval]))) * 1e3 + count(y) or vector(0)"))
        .containsExactly("x_bucket", "y");
    assertThat(PromQl.metricNames("absent(up{job=\"a by (b)\"} == 1) > bool 0.9")).containsExactly("up");
  }

  @Test
  void readsTheMetricOfAVariableQuery() {
    assertThat(PromQl.variableQueryMetrics("label_values(failover_agent_tier{job=~\"$job\"}, namespace)")).containsExactly("failover_agent_tier");
    assertThat(PromQl.variableQueryMetrics("query_result(max by (job) (failover_operator_ready))")).containsExactly("failover_operator_ready");
  }
}
