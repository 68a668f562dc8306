package io.failover.agents.demo.kubectl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A refusal the front answers as an API server would: a Status with code, reason and message, and
 * for an invalid object the details kubectl prints ({@code The Agent "x" is invalid: field: ...}).
 */
final class ApiError extends RuntimeException {
  /** One field at fault: {@code field} as the API server names it (for example {@code spec.replicas}). */
  record Cause(String reason, String field, String message) {}

  private final int code;
  private final String reason;
  private final Map<String, Object> details;

  private ApiError(int code, String reason, String message, Map<String, Object> details) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.details = details;
  }

  static ApiError badRequest(String message) {
    return new ApiError(400, "BadRequest", message, Map.of());
  }

  /** A body that decodes but has a field of the wrong type: 400, with the field named in a cause. */
  static ApiError badRequest(String message, Cause cause) {
    return new ApiError(400, "BadRequest", message, Map.of("causes", List.of(causeMap(cause))));
  }

  static ApiError notFound(String message) {
    return new ApiError(404, "NotFound", message, Map.of());
  }

  static ApiError conflict(String qualifiedResource, String name) {
    return new ApiError(409, "Conflict", "Operation cannot be fulfilled on " + qualifiedResource + " \"" + name
        + "\": the object has been modified; please apply your changes to the latest version and try again",
        Map.of("name", name, "kind", qualifiedResource.split("\\.", 2)[0]));
  }

  static ApiError unsupportedMediaType(String message) {
    return new ApiError(415, "UnsupportedMediaType", message, Map.of());
  }

  static ApiError internal(String message) {
    return new ApiError(500, "InternalError", message, Map.of());
  }

  /**
   * 422 Invalid, as {@code Kind.group "name" is invalid: [field: message, ...]}.
   *
   * @param group the kind's group, empty for the core group
   */
  static ApiError invalid(String kind, String group, String name, List<Cause> causes) {
    String qualified = group.isEmpty() ? kind : kind + "." + group;
    String listed = causes.stream().map(c -> c.field() + ": " + c.message()).collect(Collectors.joining(", "));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("name", name);
    details.put("group", group);
    details.put("kind", kind);
    List<Map<String, String>> causeMaps = new ArrayList<>();
    causes.forEach(c -> causeMaps.add(causeMap(c)));
    details.put("causes", causeMaps);
    return new ApiError(422, "Invalid", qualified + " \"" + name + "\" is invalid: "
        + (causes.size() == 1 ? listed : "[" + listed + "]"), details);
  }

  private static Map<String, String> causeMap(Cause cause) {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("reason", cause.reason());
    map.put("message", cause.message());
    map.put("field", cause.field());
    return map;
  }

  int code() {
    return code;
  }

  String reason() {
    return reason;
  }

  Map<String, Object> details() {
    return details;
  }
}
