package io.failover.agents.demo.kubectl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * The scale subresource of a custom resource ({@code .../NAME/scale}), which the mock does not
 * have: GET answers the Scale derived from the object; PUT and PATCH (merge, strategic-merge or
 * JSON patch on the Scale) write the new replica count into the object's spec replicas field,
 * locked on the resourceVersion that was read; a dry run writes nothing.
 */
final class ScaleEndpoint {
  private final MockForwarder mock;

  ScaleEndpoint(MockForwarder mock) {
    this.mock = mock;
  }

  /** @param objectPath the parent object's path, without {@code /scale} */
  void handle(HttpExchange exchange, ApiCatalog.Resource resource, ApiCatalog.ScaleSubresource paths, String name,
      String objectPath, String contentType, byte[] body, boolean dryRun, boolean table) throws IOException {
    try {
      String method = exchange.getRequestMethod();
      switch (method) {
        case "GET" -> answer(exchange, Scales.of(read(resource, name, objectPath), paths), table);
        case "PUT" -> write(exchange, resource, paths, name, objectPath, parse(body), dryRun);
        case "PATCH" -> {
          JsonNode current = read(resource, name, objectPath);
          JsonNode scale = patched(Scales.of(current, paths), contentType, body);
          if (!new String(body, java.nio.charset.StandardCharsets.UTF_8).contains("resourceVersion")
              && scale.path("metadata") instanceof ObjectNode metadata) {
            // a patch applies to the object as it is when it is stored, as an API server retries it;
            // only a resourceVersion the patch itself names is a precondition
            metadata.remove("resourceVersion");
          }
          write(exchange, resource, paths, name, objectPath, scale, dryRun);
        }
        default -> {
          exchange.getResponseHeaders().set("Allow", "GET, PUT, PATCH");
          Exchanges.status(exchange, 405, "MethodNotAllowed", "the scale subresource takes GET, PUT and PATCH, not " + method);
        }
      }
    } catch (ApiError refused) {
      Exchanges.status(exchange, refused);
    }
  }

  private void write(HttpExchange exchange, ApiCatalog.Resource resource, ApiCatalog.ScaleSubresource paths, String name,
      String objectPath, JsonNode scale, boolean dryRun) throws IOException {
    long replicas = Scales.requestedReplicas(scale, name);
    List<ApiError.Cause> violations = Scales.violations(replicas, paths);
    if (!violations.isEmpty()) {
      throw ApiError.invalid(resource.kind(), resource.group(), name, violations);
    }
    boolean precondition = Scales.resourceVersion(scale).isPresent();
    MockForwarder.Answer written;
    int attempts = 0;
    do {
      JsonNode current = read(resource, name, objectPath);
      String readVersion = current.path("metadata").path("resourceVersion").asText();
      if (Scales.resourceVersion(scale).filter(version -> !version.equals(readVersion)).isPresent()) {
        throw ApiError.conflict(qualified(resource), name);
      }
      ObjectNode updated = Scales.withReplicas(current, paths, replicas);
      if (dryRun) {
        answer(exchange, Scales.of(updated, paths), false);
        return;
      }
      written = mock.send("PUT", objectPath, "application/json", Tables.JSON.writeValueAsBytes(updated));
      // without a precondition a write that lost a race with the operator is made again on the new object
    } while (written.status() == 409 && !precondition && ++attempts < 5);
    if (written.status() == 409) {
      throw ApiError.conflict(qualified(resource), name);
    }
    if (written.status() >= 400) {
      throw ApiError.internal("the embedded API refused to store " + qualified(resource) + " \"" + name + "\": HTTP "
          + written.status());
    }
    answer(exchange, Scales.of(Tables.JSON.readTree(written.body()), paths), false);
  }

  private JsonNode read(ApiCatalog.Resource resource, String name, String objectPath) throws IOException {
    MockForwarder.Answer current = mock.send("GET", objectPath, null, null);
    if (current.status() == 404) {
      throw ApiError.notFound(qualified(resource) + " \"" + name + "\" not found");
    }
    if (current.status() != 200) {
      throw ApiError.internal("the embedded API could not read " + qualified(resource) + " \"" + name + "\": HTTP "
          + current.status());
    }
    return Tables.JSON.readTree(current.body());
  }

  private static JsonNode patched(ObjectNode scale, String contentType, byte[] body) {
    JsonNode patch = parse(body);
    if (contentType.startsWith("application/json-patch+json")) {
      if (!patch.isArray()) {
        throw ApiError.badRequest("a JSON patch must be a list of operations");
      }
      try {
        return JsonPatch.apply(patch, scale);
      } catch (JsonPatchException | IllegalArgumentException failed) {
        throw ApiError.badRequest("the JSON patch does not apply to the Scale: " + failed.getMessage());
      }
    }
    if (contentType.startsWith("application/apply-patch")) {
      throw ApiError.unsupportedMediaType("the demo API has no server-side apply; use a merge or JSON patch");
    }
    if (!patch.isObject()) {
      throw ApiError.badRequest("a merge patch must be a JSON object");
    }
    return contentType.startsWith("application/strategic-merge-patch+json")
        ? Patches.strategicMerge(scale, patch) : Patches.merge(scale, patch);
  }

  private static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      throw ApiError.badRequest("the request has no body: send a Scale");
    }
    try {
      return Tables.JSON.readTree(body);
    } catch (JsonProcessingException notJson) {
      throw ApiError.badRequest("the body of the request is not JSON: " + notJson.getOriginalMessage());
    } catch (IOException unreadable) {
      throw ApiError.badRequest("the body of the request cannot be read: " + unreadable.getMessage());
    }
  }

  private static void answer(HttpExchange exchange, ObjectNode scale, boolean table) throws IOException {
    if (table) {
      Exchanges.json(exchange, 200, Tables.of(Scales.COLUMNS, List.of(scale),
          scale.path("metadata").path("resourceVersion").asText(""), Instant.now(), true));
    } else {
      Exchanges.json(exchange, 200, scale);
    }
  }

  private static String qualified(ApiCatalog.Resource resource) {
    return resource.group().isEmpty() ? resource.plural() : resource.plural() + "." + resource.group();
  }
}
