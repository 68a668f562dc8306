package io.failover.agents.dashboard.http;

import io.failover.agents.dashboard.cluster.ClusterWatch;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.Map;

/** Ready once the informers have synced: before that the page would show an empty cluster. */
@Controller("/health")
@Requires(property = Role.PROPERTY, value = Role.DASHBOARD)
final class HealthController {
  private final ClusterWatch cluster;

  HealthController(ClusterWatch cluster) {
    this.cluster = cluster;
  }

  @Get("/liveness")
  Map<String, String> liveness() {
    return Map.of("status", "UP");
  }

  @Get("/readiness")
  MutableHttpResponse<?> readiness() {
    boolean ready = cluster.synced();
    return HttpResponse.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
        .body(Map.of("status", ready ? "UP" : "DOWN"));
  }
}
