package io.failover.agents.demo.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/** meta.k8s.io/v1 Tables, as the API server builds them from printer columns, for kubectl's human output. */
final class Tables {
  static final ObjectMapper JSON = new ObjectMapper();

  private Tables() {}

  static boolean wanted(String accept) {
    return accept != null && accept.contains("as=Table");
  }

  /** @param withColumns false for watch events after the first, as a real server sends them */
  static ObjectNode of(ApiCatalog.Resource resource, List<JsonNode> objects, String resourceVersion, Instant now,
      boolean withColumns) {
    ObjectNode table = JSON.createObjectNode();
    table.put("kind", "Table");
    table.put("apiVersion", "meta.k8s.io/v1");
    table.putObject("metadata").put("resourceVersion", resourceVersion == null ? "" : resourceVersion);
    if (withColumns) {
      ArrayNode columns = table.putArray("columnDefinitions");
      columns.add(column("Name", "string", "name"));
      resource.columns().forEach(column -> columns.add(column(column.name(), column.type(), "")));
    } else {
      table.putArray("columnDefinitions");
    }
    ArrayNode rows = table.putArray("rows");
    for (JsonNode object : objects) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      cells.add(object.path("metadata").path("name").asText());
      for (ApiCatalog.Column column : resource.columns()) {
        cells.add(cell(JsonPaths.evaluate(object, column.jsonPath()), column.type(), now));
      }
      ObjectNode partial = row.putObject("object");
      partial.put("kind", "PartialObjectMetadata");
      partial.put("apiVersion", "meta.k8s.io/v1");
      partial.set("metadata", object.path("metadata").deepCopy());
    }
    return table;
  }

  private static JsonNode cell(JsonNode value, String type, Instant now) {
    if (value.isMissingNode() || value.isNull()) {
      return JSON.nullNode();
    }
    if ("date".equals(type)) {
      return JSON.getNodeFactory().textNode(Ages.since(value.asText(), now));
    }
    if (value.isContainerNode()) {
      return JSON.getNodeFactory().textNode(value.toString());
    }
    return value;
  }

  private static ObjectNode column(String name, String type, String format) {
    ObjectNode column = JSON.createObjectNode();
    column.put("name", name);
    column.put("type", type);
    column.put("format", format);
    column.put("description", "");
    column.put("priority", 0);
    return column;
  }
}
