package io.failover.agents.operator.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP answer before it is written: a status and a JSON body. Every error body has the same
 * shape, {@code {"code": 400, "field": "httpStatus", "message": "httpStatus: must be an integer"}},
 * with {@code field} only where one field is at fault.
 */
public record ApiResponse(int status, Object body) {

  public static ApiResponse ok(Object body) {
    return new ApiResponse(200, body);
  }

  public static ApiResponse error(int status, String message) {
    return error(status, Optional.empty(), message);
  }

  public static ApiResponse fieldError(int status, String field, String message) {
    return error(status, Optional.of(field), field + ": " + message);
  }

  private static ApiResponse error(int status, Optional<String> field, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", status);
    field.ifPresent(name -> body.put("field", name));
    body.put("message", message);
    return new ApiResponse(status, body);
  }
}
