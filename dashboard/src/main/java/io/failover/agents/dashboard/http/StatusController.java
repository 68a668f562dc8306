package io.failover.agents.dashboard.http;

import io.failover.agents.dashboard.auth.Gate;
import io.failover.agents.dashboard.cluster.ClusterWatch;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether what the page shows can be trusted: the dashboard's watches on the Kubernetes API, and
 * whether the operator (which acts on pause, resume and reset) answers. The operator is asked at
 * most every few seconds, however many pages ask.
 */
@Controller("/api/v1/status")
@Requires(property = Role.PROPERTY, value = Role.DASHBOARD)
@ExecuteOn(TaskExecutors.BLOCKING)
final class StatusController {
  private static final long OPERATOR_CHECK_NANOS = Duration.ofSeconds(3).toNanos();

  private final Gate gate;
  private final ClusterWatch cluster;
  private final OperatorLedger operator;
  private String operatorProblem = "";
  private long operatorCheckedAt = System.nanoTime() - OPERATOR_CHECK_NANOS;

  StatusController(Gate gate, ClusterWatch cluster, OperatorLedger operator) {
    this.gate = gate;
    this.cluster = cluster;
    this.operator = operator;
  }

  @Get
  Map<String, Object> status(HttpRequest<?> request) {
    gate.caller(request);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("kubernetes", part(cluster.problem()));
    body.put("operator", part(operatorProblem()));
    return body;
  }

  private synchronized String operatorProblem() {
    if (System.nanoTime() - operatorCheckedAt >= OPERATOR_CHECK_NANOS) {
      operatorProblem = operator.problem(Duration.ofSeconds(2));
      operatorCheckedAt = System.nanoTime();
    }
    return operatorProblem;
  }

  private static Map<String, Object> part(String problem) {
    Map<String, Object> part = new LinkedHashMap<>();
    part.put("ok", problem.isEmpty());
    part.put("message", problem.isEmpty() ? null : problem);
    return part;
  }
}
