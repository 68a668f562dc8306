package io.failover.agents.dashboard.http;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.failover.agents.dashboard.auth.ApiException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Every error as {@code {"code", "field"?, "message"}}. */
final class ErrorBodies {
  private ErrorBodies() {}

  static HttpResponse<?> of(int status, Optional<String> field, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", status);
    field.ifPresent(name -> body.put("field", name));
    body.put("message", message);
    return HttpResponse.status(HttpStatus.valueOf(status)).contentType(MediaType.APPLICATION_JSON_TYPE).body(body);
  }

  @Produces
  @Singleton
  @Requires(property = Role.PROPERTY, value = Role.DASHBOARD)
  static final class Api implements ExceptionHandler<ApiException, HttpResponse<?>> {
    @Override
    public HttpResponse<?> handle(HttpRequest request, ApiException exception) {
      return of(exception.status(), exception.field(), exception.getMessage());
    }
  }

  /** The Kubernetes API refused or failed: its status code and message, passed on. */
  @Produces
  @Singleton
  @Requires(property = Role.PROPERTY, value = Role.DASHBOARD)
  static final class Kubernetes implements ExceptionHandler<KubernetesClientException, HttpResponse<?>> {
    @Override
    public HttpResponse<?> handle(HttpRequest request, KubernetesClientException exception) {
      int code = exception.getCode() >= 400 && exception.getCode() < 600 ? exception.getCode() : 502;
      String message = exception.getStatus() != null && exception.getStatus().getMessage() != null
          ? exception.getStatus().getMessage() : "the Kubernetes API failed: " + exception.getMessage();
      return of(code, Optional.empty(), message);
    }
  }
}
