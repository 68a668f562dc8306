package io.failover.agents.dashboard.http;

import io.failover.agents.dashboard.auth.AuthMode;
import io.failover.agents.dashboard.auth.Gate;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.Locale;
import java.util.Optional;

/**
 * With {@code --auth none} nobody is asked who they are, so only this machine may ask: a request
 * whose Host is not a loopback name or address is refused (403). Binding to loopback alone is not
 * enough: a page on another origin whose name resolves to 127.0.0.1 (DNS rebinding) would otherwise
 * reach the dashboard with the victim's browser and pause agents or move a tier's baseUrl.
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
    if (host.isPresent() && isLoopback(host.get())) {
      return null;
    }
    return ErrorBodies.of(403, Optional.of("Host"), "Host " + host.map(h -> "'" + h + "'").orElse("(none)")
        + " is not a loopback name or address: with --auth none the dashboard answers only this machine");
  }

  /** localhost (and *.localhost), 127.0.0.0/8 and [::1], with or without a port. */
  static boolean isLoopback(String hostHeader) {
    String host = hostHeader.strip().toLowerCase(Locale.ROOT);
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      return end > 0 && host.substring(1, end).equals("::1") && validPort(host.substring(end + 1));
    }
    int colon = host.indexOf(':');
    if (colon >= 0) {
      if (!validPort(host.substring(colon))) {
        return false;
      }
      host = host.substring(0, colon);
    }
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    return host.equals("localhost") || host.endsWith(".localhost") || isLoopbackIpv4(host);
  }

  private static boolean validPort(String rest) {
    return rest.isEmpty() || rest.matches(":[0-9]{1,5}");
  }

  private static boolean isLoopbackIpv4(String host) {
    String[] parts = host.split("\\.", -1);
    if (parts.length != 4 || !parts[0].equals("127")) {
      return false;
    }
    for (String part : parts) {
      if (!part.matches("[0-9]{1,3}") || Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }
}
