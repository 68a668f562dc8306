package io.failover.agents.demo.kubectl;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writing answers to kubectl: JSON bodies and the Status objects it turns into "Error from server". */
final class Exchanges {
  private Exchanges() {}

  static void json(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = body instanceof byte[] raw ? raw
        : body instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : Tables.JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
    exchange.close();
  }

  static void status(HttpExchange exchange, int code, String reason, String message) throws IOException {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.put("metadata", Map.of());
    status.put("status", "Failure");
    status.put("message", message);
    status.put("reason", reason);
    status.put("code", code);
    json(exchange, code, status);
  }

  static void status(HttpExchange exchange, ApiError error) throws IOException {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.put("metadata", Map.of());
    status.put("status", "Failure");
    status.put("message", error.getMessage());
    status.put("reason", error.reason());
    if (!error.details().isEmpty()) {
      status.put("details", error.details());
    }
    status.put("code", error.code());
    json(exchange, error.code(), status);
  }

  static String reason(int code) {
    return switch (code) {
      case 400 -> "BadRequest";
      case 404 -> "NotFound";
      case 405 -> "MethodNotAllowed";
      case 409 -> "Conflict";
      case 415 -> "UnsupportedMediaType";
      case 422 -> "Invalid";
      default -> "InternalError";
    };
  }
}
