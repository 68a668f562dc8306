package io.failover.agents.demo.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Iterator;

/**
 * Records which field manager set which annotations, as an API server's managedFields do for
 * updates, so the operator can name who asked for a reset or a pause (kubectl-annotate). Only
 * annotations are tracked: that is all the operator reads.
 */
final class ManagedFields {
  private ManagedFields() {}

  static void recordAnnotations(ObjectNode merged, JsonNode patch, String manager) {
    JsonNode annotations = patch.path("metadata").path("annotations");
    if (manager == null || manager.isBlank() || !annotations.isObject() || annotations.isEmpty()) {
      return;
    }
    ObjectNode metadata = (ObjectNode) merged.path("metadata");
    ArrayNode entries = metadata.has("managedFields") && metadata.get("managedFields").isArray()
        ? (ArrayNode) metadata.get("managedFields") : metadata.putArray("managedFields");
    ObjectNode entry = null;
    for (JsonNode existing : entries) {
      if (manager.equals(existing.path("manager").asText())) {
        entry = (ObjectNode) existing;
      }
    }
    if (entry == null) {
      entry = entries.addObject();
      entry.put("manager", manager);
      entry.put("operation", "Update");
      entry.put("apiVersion", merged.path("apiVersion").asText());
      entry.put("fieldsType", "FieldsV1");
    }
    entry.put("time", Instant.now().toString());
    ObjectNode fields = entry.has("fieldsV1") ? (ObjectNode) entry.get("fieldsV1") : entry.putObject("fieldsV1");
    ObjectNode metadataFields = fields.has("f:metadata") ? (ObjectNode) fields.get("f:metadata") : fields.putObject("f:metadata");
    ObjectNode annotationFields = metadataFields.has("f:annotations")
        ? (ObjectNode) metadataFields.get("f:annotations") : metadataFields.putObject("f:annotations");
    for (Iterator<String> keys = annotations.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (annotations.get(key).isNull()) {
        annotationFields.remove("f:" + key);
      } else {
        annotationFields.putObject("f:" + key);
      }
    }
  }
}
