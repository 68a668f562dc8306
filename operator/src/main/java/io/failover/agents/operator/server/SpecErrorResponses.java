package io.failover.agents.operator.server;

import io.failover.agents.operator.http.ApiResponse;
import io.failover.agents.operator.intake.OutcomeEndpoint;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.exceptions.response.HateoasErrorResponseProcessor;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;

/**
 * Every error the HTTP server answers by itself (an unknown route, a malformed request, headers or a
 * body too large, an unexpected failure) in the SPEC's shape, {@code {"code", "message"}}, instead of
 * Micronaut's own. Headers over the limit are 431, as RFC 6585 names them, not 413.
 */
@Singleton
@Replaces(HateoasErrorResponseProcessor.class)
@Requires(property = OperatorHttpServer.ROLE_PROPERTY, value = OperatorHttpServer.ROLE)
public final class SpecErrorResponses implements ErrorResponseProcessor<Map<String, Object>> {

  @Override
  public MutableHttpResponse<Map<String, Object>> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
    Optional<Throwable> cause = context.getRootCause();
    int status = response.code();
    String message;
    if (cause.map(SpecErrorResponses::headersTooLarge).orElse(false)) {
      status = 431;
      message = "the request headers are larger than " + OperatorHttpServer.MAX_HEADER_BYTES + " bytes";
    } else if (cause.map(SpecErrorResponses::lineTooLong).orElse(false)) {
      status = HttpStatus.REQUEST_URI_TOO_LONG.getCode();
      message = "the request line is too long";
    } else {
      message = describe(status, context);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> body = (Map<String, Object>) ApiResponse.error(status, message).body();
    return response.status(status).contentType(MediaType.APPLICATION_JSON_TYPE).body(body);
  }

  private static String describe(int status, ErrorContext context) {
    return switch (status) {
      case 400 -> "malformed request" + firstError(context).map(detail -> ": " + detail).orElse("");
      case 404 -> "no such path: " + context.getRequest().getPath();
      case 405 -> context.getRequest().getMethodName() + " is not allowed on " + context.getRequest().getPath();
      case 413 -> "the body is larger than " + OutcomeEndpoint.MAX_BODY_BYTES + " bytes";
      case 415 -> "Content-Type: must be application/json";
      default -> status >= 500
          ? "the operator failed to answer this request; the failure is in its log"
          : firstError(context).orElse(HttpStatus.valueOf(status).getReason());
    };
  }

  /** Micronaut's own wording for a client error, which never carries anything secret. */
  private static Optional<String> firstError(ErrorContext context) {
    return context.getErrors().stream().map(Error::getMessage).filter(m -> m != null && !m.isBlank()).findFirst();
  }

  private static boolean headersTooLarge(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof TooLongHttpHeaderException) {
        return true;
      }
    }
    return false;
  }

  private static boolean lineTooLong(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof TooLongHttpLineException) {
        return true;
      }
    }
    return false;
  }
}
