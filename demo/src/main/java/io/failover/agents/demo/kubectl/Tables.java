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
    return of(resource.columns(), objects, resourceVersion, now, withColumns);
  }

  /** @param columns the columns after Name */
  static ObjectNode of(List<ApiCatalog.Column> columnsAfterName, List<JsonNode> objects, String resourceVersion, Instant now,
      boolean withColumns) {
    ObjectNode table = JSON.createObjectNode();
    table.put("kind", "Table");
    table.put("apiVersion", "meta.k8s.io/v1");
    table.putObject("metadata").put("resourceVersion", resourceVersion == null ? "" : resourceVersion);
    if (withColumns) {
      ArrayNode columns = table.putArray("columnDefinitions");
      columns.add(column(new ApiCatalog.Column("Name", ".metadata.name", "string", 0,
          "Name must be unique within a namespace."), "name"));
      columnsAfterName.forEach(column -> columns.add(column(column, "")));
    } else {
      table.putArray("columnDefinitions");
    }
    ArrayNode rows = table.putArray("rows");
    for (JsonNode object : objects) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      cells.add(object.path("metadata").path("name").asText());
      for (ApiCatalog.Column column : columnsAfterName) {
        cells.add(cell(JsonPaths.evaluate(object, column.jsonPath()), column.type(), now));
      }
      ObjectNode partial = row.putObject("object");
      partial.put("kind", "PartialObjectMetadata");
      partial.put("apiVersion", "meta.k8s.io/v1");
      partial.set("metadata", object.path("metadata").deepCopy());
    }
    return table;
  }

  /** A cell as the API server types it: a value that does not fit the column's type is left empty. */
  private static JsonNode cell(JsonNode value, String type, Instant now) {
    if (value.isMissingNode() || value.isNull()) {
      return JSON.nullNode();
    }
    return switch (type) {
      case "date" -> value.isTextual() ? JSON.getNodeFactory().textNode(Ages.since(value.asText(), now)) : JSON.nullNode();
      case "integer" -> value.isIntegralNumber() || value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0
          ? JSON.getNodeFactory().numberNode(value.longValue()) : JSON.nullNode();
      case "number" -> value.isNumber() ? value : JSON.nullNode();
      case "boolean" -> value.isBoolean() ? value : JSON.nullNode();
      default -> JSON.getNodeFactory().textNode(value.isValueNode() ? value.asText() : value.toString());
    };
  }

  private static ObjectNode column(ApiCatalog.Column definition, String format) {
    ObjectNode column = JSON.createObjectNode();
    column.put("name", definition.name());
    column.put("type", definition.type());
    column.put("format", format);
    column.put("description", definition.description());
    column.put("priority", definition.priority());
    return column;
  }
}
