package io.failover.agents.dashboard.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/** A strict Content-Security-Policy and the usual hardening headers on every answer. */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(property = Role.PROPERTY, value = Role.DASHBOARD)
final class SecurityHeaders {
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

  @ResponseFilter
  void harden(HttpRequest<?> request, MutableHttpResponse<?> response) {
    response.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    response.header("X-Content-Type-Options", "nosniff");
    response.header("X-Frame-Options", "DENY");
    response.header("Referrer-Policy", "no-referrer");
    if (request.getPath().startsWith("/api/")) {
      response.header("Cache-Control", "no-store");
    }
  }
}
