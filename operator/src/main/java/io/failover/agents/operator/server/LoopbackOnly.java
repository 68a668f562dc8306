package io.failover.agents.operator.server;

import io.failover.agents.access.AuthMode;
import io.failover.agents.access.LoopbackHosts;
import io.failover.agents.operator.http.ApiResponse;
import io.failover.agents.operator.http.KubernetesCallers;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.Optional;

/**
 * With {@code --auth none} (the demo) the operator answers only this machine: a request whose Host is
 * not a loopback name or address is refused, so that a page using DNS rebinding cannot pause agents
 * or read their history with a victim's browser.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(property = OperatorHttpServer.ROLE_PROPERTY, value = OperatorHttpServer.ROLE)
public final class LoopbackOnly {
  private final KubernetesCallers callers;

  LoopbackOnly(KubernetesCallers callers) {
    this.callers = callers;
  }

  @RequestFilter
  @Nullable
  HttpResponse<?> check(HttpRequest<?> request) {
    if (callers.mode() != AuthMode.NONE) {
      return null;
    }
    Optional<String> host = request.getHeaders().findFirst(HttpHeaders.HOST);
    if (host.isPresent() && LoopbackHosts.isLoopback(host.get())) {
      return null;
    }
    return OperatorController.json(ApiResponse.fieldError(403, "Host", host.map(h -> "'" + h + "'").orElse("(none)")
        + " is not a loopback name or address: with --auth none the operator answers only this machine"));
  }
}
