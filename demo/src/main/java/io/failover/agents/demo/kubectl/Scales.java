package io.failover.agents.demo.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The autoscaling/v1 Scale of a custom resource, as the API server derives it from the CRD's
 * {@code subresources.scale} paths, and the rules a Scale written back must meet: a Scale of this
 * object, an integer {@code spec.replicas} (400 otherwise), within the schema's bounds and
 * non-negative (422 otherwise).
 */
final class Scales {
  static final String GROUP = "autoscaling";
  static final String VERSION = "v1";
  static final String KIND = "Scale";
  static final String API_VERSION = GROUP + "/" + VERSION;
  private static final long INT32_MAX = Integer.MAX_VALUE;

  /** kubectl's columns for a Scale (get --subresource=scale): desired and current replicas. */
  static final List<ApiCatalog.Column> COLUMNS = List.of(
      new ApiCatalog.Column("Desired", ".spec.replicas", "integer", 0, "Desired number of replicas."),
      new ApiCatalog.Column("Available", ".status.replicas", "integer", 0, "Current number of replicas."));

  private Scales() {}

  /**
   * The Scale of {@code object}. A spec replicas field the object lacks reads as the schema's
   * default (a real server fills defaults in on every read); without a default it is an error, as
   * on a real server.
   */
  static ObjectNode of(JsonNode object, ApiCatalog.ScaleSubresource paths) {
    JsonNode specReplicas = at(object, paths.specReplicasPath());
    long replicas;
    if (specReplicas.isMissingNode() || specReplicas.isNull()) {
      replicas = paths.specReplicasDefault().orElseThrow(() ->
          ApiError.internal("the spec replicas field \"" + paths.specReplicasPath() + "\" does not exist"));
    } else if (specReplicas.canConvertToExactIntegral()) {
      replicas = specReplicas.asLong();
    } else {
      throw ApiError.internal("the spec replicas field \"" + paths.specReplicasPath() + "\" is not an integer");
    }
    JsonNode statusReplicas = at(object, paths.statusReplicasPath());
    ObjectNode scale = Tables.JSON.createObjectNode();
    scale.put("kind", KIND);
    scale.put("apiVersion", API_VERSION);
    ObjectNode metadata = scale.putObject("metadata");
    JsonNode source = object.path("metadata");
    for (String key : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
      if (source.hasNonNull(key)) {
        metadata.set(key, source.get(key));
      }
    }
    scale.putObject("spec").set("replicas", int32(replicas));
    ObjectNode status = scale.putObject("status");
    status.set("replicas", int32(statusReplicas.canConvertToExactIntegral() ? statusReplicas.asLong() : 0));
    paths.labelSelectorPath().map(path -> at(object, path)).filter(JsonNode::isTextual)
        .ifPresent(selector -> status.put("selector", selector.asText()));
    return scale;
  }

  /** The replicas a Scale sent for {@code name} asks for, or a 400 naming what is wrong with it. */
  static long requestedReplicas(JsonNode scale, String name) {
    if (!scale.isObject()) {
      throw ApiError.badRequest("the body of the request must be a Scale object, not " + scale.getNodeType().name().toLowerCase());
    }
    String apiVersion = scale.path("apiVersion").asText(API_VERSION);
    String kind = scale.path("kind").asText(KIND);
    if (!apiVersion.equals(API_VERSION) || !kind.equals(KIND)) {
      throw ApiError.badRequest("the body of the request must be an " + API_VERSION + " Scale, not " + apiVersion + " " + kind);
    }
    String named = scale.path("metadata").path("name").asText(name);
    if (!named.equals(name)) {
      throw ApiError.badRequest("the name of the object (" + named + ") does not match the name on the URL (" + name + ")");
    }
    JsonNode replicas = scale.path("spec").path("replicas");
    if (replicas.isMissingNode() || replicas.isNull()) {
      throw ApiError.badRequest("Scale.autoscaling \"" + name + "\": spec.replicas: Required value",
          new ApiError.Cause("FieldValueRequired", "spec.replicas", "Required value"));
    }
    if (!replicas.canConvertToExactIntegral() || !replicas.canConvertToLong()) {
      throw ApiError.badRequest("Scale in version \"v1\" cannot be handled as a Scale: spec.replicas: must be an integer, not "
          + replicas, new ApiError.Cause("FieldValueInvalid", "spec.replicas", "Invalid value: " + replicas + ": must be an integer"));
    }
    return replicas.asLong();
  }

  /**
   * What the object's schema and the scale subresource refuse in a replica count, each naming the
   * field as the API server does: the schema's bounds on {@code spec.replicas}, and the scale
   * subresource's own rule on {@code .spec.replicas} (non-negative, at most the int32 maximum).
   */
  static List<ApiError.Cause> violations(long replicas, ApiCatalog.ScaleSubresource paths) {
    List<ApiError.Cause> causes = new ArrayList<>();
    String field = paths.specReplicasPath().replaceFirst("^\\.", "");
    paths.specReplicasMinimum().filter(minimum -> replicas < minimum).ifPresent(minimum -> causes.add(new ApiError.Cause(
        "FieldValueInvalid", field, "Invalid value: " + replicas + ": " + field + " in body should be greater than or equal to "
            + plain(minimum))));
    paths.specReplicasMaximum().filter(maximum -> replicas > maximum).ifPresent(maximum -> causes.add(new ApiError.Cause(
        "FieldValueInvalid", field, "Invalid value: " + replicas + ": " + field + " in body should be less than or equal to "
            + plain(maximum))));
    if (replicas < 0) {
      causes.add(new ApiError.Cause("FieldValueInvalid", paths.specReplicasPath(),
          "Invalid value: " + replicas + ": should be a non-negative integer"));
    } else if (replicas > INT32_MAX) {
      causes.add(new ApiError.Cause("FieldValueInvalid", paths.specReplicasPath(),
          "Invalid value: " + replicas + ": should be less than or equal to " + INT32_MAX));
    }
    return causes;
  }

  /** A copy of {@code object} with the spec replicas field set, creating the objects on its path. */
  static ObjectNode withReplicas(JsonNode object, ApiCatalog.ScaleSubresource paths, long replicas) {
    ObjectNode copy = object.deepCopy();
    ObjectNode at = copy;
    String[] keys = keys(paths.specReplicasPath());
    for (int i = 0; i < keys.length - 1; i++) {
      JsonNode next = at.path(keys[i]);
      at = next.isObject() ? (ObjectNode) next : at.putObject(keys[i]);
    }
    at.put(keys[keys.length - 1], replicas);
    return copy;
  }

  static Optional<String> resourceVersion(JsonNode scale) {
    return Optional.of(scale.path("metadata").path("resourceVersion").asText("")).filter(v -> !v.isEmpty());
  }

  private static JsonNode at(JsonNode object, String dotPath) {
    JsonNode node = object;
    for (String key : keys(dotPath)) {
      node = node.path(key);
    }
    return node;
  }

  private static String[] keys(String dotPath) {
    return dotPath.replaceFirst("^\\.", "").split("\\.");
  }

  /** Scale's replica counts are int32: a value that fits is written as one. */
  private static JsonNode int32(long value) {
    return value == (int) value ? Tables.JSON.getNodeFactory().numberNode((int) value)
        : Tables.JSON.getNodeFactory().numberNode(value);
  }

  private static String plain(double bound) {
    return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
  }
}
