package io.failover.agents.dashboard.http;

import io.failover.agents.dashboard.cluster.ClusterWatch;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.Map;

/**
 * Ready while the informers are listed and watching (before that the page would show an empty or
 * stale cluster); alive unless the watches have been down for minutes, so that Kubernetes restarts
 * a dashboard that cannot recover instead of keeping it unready for ever.
 */
@Controller("/health")
@Requires(property = Role.PROPERTY, value = Role.DASHBOARD)
final class HealthController {
  private final ClusterWatch cluster;

  HealthController(ClusterWatch cluster) {
    this.cluster = cluster;
  }

  @Get("/liveness")
  MutableHttpResponse<?> liveness() {
    return answer(cluster.alive());
  }

  @Get("/readiness")
  MutableHttpResponse<?> readiness() {
    return answer(cluster.synced());
  }

  private static MutableHttpResponse<?> answer(boolean up) {
    return HttpResponse.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
        .body(Map.of("status", up ? "UP" : "DOWN"));
  }
}
