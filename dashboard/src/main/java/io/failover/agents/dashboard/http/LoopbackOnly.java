package io.failover.agents.dashboard.http;

import io.failover.agents.access.AuthMode;
import io.failover.agents.access.LoopbackHosts;
import io.failover.agents.dashboard.auth.Gate;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.Optional;

/**
 * With {@code --auth none} only this machine may ask: a request whose Host is not a loopback name
 * or address ({@link LoopbackHosts}) is refused (403), or a page using DNS rebinding could pause
 * agents or move a tier's baseUrl with the victim's browser.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(property = Role.PROPERTY, value = Role.DASHBOARD)
final class LoopbackOnly {
  private final Gate gate;

  LoopbackOnly(Gate gate) {
    this.gate = gate;
  }

  @RequestFilter
  @Nullable
  HttpResponse<?> check(HttpRequest<?> request) {
    if (gate.mode() != AuthMode.NONE) {
      return null;
    }
    Optional<String> host = request.getHeaders().findFirst(HttpHeaders.HOST);
    if (host.isPresent() && LoopbackHosts.isLoopback(host.get())) {
      return null;
    }
    return ErrorBodies.of(403, Optional.of("Host"), "Host " + host.map(h -> "'" + h + "'").orElse("(none)")
        + " is not a loopback name or address: with --auth none the dashboard answers only this machine");
  }
}
