package io.failover.agents.api.crd.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.re2j.Pattern;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an API server does with a custom resource before storing it, from the committed CRD: apply
 * the schema's defaults, refuse fields the schema does not declare (kubectl's default strict field
 * validation), check the OpenAPI constraints and evaluate every CEL rule. The fabric8 mock checks
 * none of this, so tests that must hold on a real cluster go through here. Errors read
 * {@code <field path>: <what is wrong>}, as the API server words them.
 */
public final class Admission {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Path COMMITTED_CRDS = Path.of("..", "crds");
  private static final Set<String> SERVER_FIELDS = Set.of("metadata", "apiVersion", "kind");

  private final JSONSchemaProps root;
  private final Map<JSONSchemaProps, List<CelRule>> rules = new IdentityHashMap<>();
  private final List<CelRule> allRules = new ArrayList<>();
  private final Set<CelRule> failedRules = new HashSet<>();

  private Admission(JSONSchemaProps root) {
    this.root = root;
    compileRules(root, "self");
  }

  /** Admission of AgentTypes by the committed CRD (tests run in a module folder, beside crds/). */
  public static Admission agentTypes() {
    return of(COMMITTED_CRDS.resolve("agenttypes.agents.failover.io.yaml"));
  }

  /** Admission of Agents by the committed CRD. */
  public static Admission agents() {
    return of(COMMITTED_CRDS.resolve("agents.agents.failover.io.yaml"));
  }

  public static Admission of(Path crdFile) {
    try (InputStream in = Files.newInputStream(crdFile)) {
      CustomResourceDefinition crd = Serialization.unmarshal(in, CustomResourceDefinition.class);
      return new Admission(crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode yaml(String text) {
    try {
      return YAML.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The errors an API server would answer for this object; empty when it would be admitted. */
  public List<String> validate(JsonNode object) {
    List<String> errors = new ArrayList<>();
    admissible(defaulted(object)).forEach((name, value) -> check(value, root.getProperties().get(name), name, errors));
    return errors;
  }

  /** A copy of the object with the schema's defaults filled in, as the API server stores it. */
  public JsonNode defaulted(JsonNode object) {
    JsonNode copy = object.deepCopy();
    admissible(copy).forEach((name, value) -> applyDefaults(value, root.getProperties().get(name)));
    return copy;
  }

  /** The top-level fields the schema governs; metadata, apiVersion and kind are the API server's own. */
  private Map<String, JsonNode> admissible(JsonNode object) {
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    object.fields().forEachRemaining(field -> {
      if (root.getProperties().containsKey(field.getKey()) && !SERVER_FIELDS.contains(field.getKey())) {
        fields.put(field.getKey(), field.getValue());
      }
    });
    return fields;
  }

  /** The CEL rules no validation so far has seen fail: a rule without a failing case is an untested rule. */
  public List<String> rulesNeverFailed() {
    return allRules.stream().filter(rule -> !failedRules.contains(rule))
        .map(rule -> rule.rule().getRule()).collect(Collectors.toList());
  }

  private void compileRules(JSONSchemaProps schema, String path) {
    if (schema.getXKubernetesValidations() != null) {
      List<CelRule> compiled = schema.getXKubernetesValidations().stream()
          .map(rule -> CelRule.compile(rule, schema, path)).collect(Collectors.toList());
      rules.put(schema, compiled);
      allRules.addAll(compiled);
    }
    if (schema.getProperties() != null) {
      schema.getProperties().forEach((name, child) -> compileRules(child, path + "." + name));
    }
    if (schema.getItems() != null && schema.getItems().getSchema() != null) {
      compileRules(schema.getItems().getSchema(), path + ".@items");
    }
    if (schema.getAdditionalProperties() != null && schema.getAdditionalProperties().getSchema() != null) {
      compileRules(schema.getAdditionalProperties().getSchema(), path + ".@values");
    }
  }

  private static void applyDefaults(JsonNode value, JSONSchemaProps schema) {
    if (value.isObject() && schema.getProperties() != null) {
      ObjectNode object = (ObjectNode) value;
      schema.getProperties().forEach((name, child) -> {
        if (!object.has(name) && child.getDefault() != null) {
          object.set(name, child.getDefault().deepCopy());
        }
        if (object.has(name)) {
          applyDefaults(object.get(name), child);
        }
      });
    } else if (value.isArray() && schema.getItems() != null && schema.getItems().getSchema() != null) {
      value.forEach(item -> applyDefaults(item, schema.getItems().getSchema()));
    }
  }

  private void check(JsonNode value, JSONSchemaProps schema, String path, List<String> errors) {
    if (value.isNull() && Boolean.TRUE.equals(schema.getNullable())) {
      return;
    }
    int before = errors.size();
    String type = schema.getType();
    if (Boolean.TRUE.equals(schema.getXKubernetesIntOrString())) {
      if (!value.isTextual() && !value.isIntegralNumber()) {
        errors.add(path + ": must be an integer or a string");
      }
    } else if (type != null && !hasType(value, type)) {
      errors.add(path + ": Invalid value: \"" + jsonType(value) + "\": " + path + " in body must be of type " + type
          + ": \"" + jsonType(value) + "\"");
      return;
    }
    if (value.isObject()) {
      checkObject((ObjectNode) value, schema, path, errors);
    } else if (value.isArray()) {
      checkArray(value, schema, path, errors);
    } else {
      checkScalar(value, schema, path, errors);
    }
    if (errors.size() == before) {
      checkRules(value, schema, path, errors);
    }
  }

  private void checkObject(ObjectNode value, JSONSchemaProps schema, String path, List<String> errors) {
    if (schema.getRequired() != null) {
      schema.getRequired().stream().filter(name -> !value.has(name))
          .forEach(name -> errors.add(path + "." + name + ": Required value"));
    }
    Map<String, JSONSchemaProps> properties = schema.getProperties() == null ? Map.of() : schema.getProperties();
    JSONSchemaProps values = schema.getAdditionalProperties() == null ? null : schema.getAdditionalProperties().getSchema();
    boolean keepsUnknown = Boolean.TRUE.equals(schema.getXKubernetesPreserveUnknownFields());
    value.fields().forEachRemaining(field -> {
      String child = path + "." + field.getKey();
      JSONSchemaProps declared = properties.containsKey(field.getKey()) ? properties.get(field.getKey()) : values;
      if (declared != null) {
        check(field.getValue(), declared, child, errors);
      } else if (!keepsUnknown) {
        errors.add(child + ": unknown field \"" + child + "\"");
      }
    });
  }

  private void checkArray(JsonNode value, JSONSchemaProps schema, String path, List<String> errors) {
    if (schema.getMinItems() != null && value.size() < schema.getMinItems()) {
      errors.add(path + ": Invalid value: " + value.size() + ": " + path + " in body should have at least "
          + schema.getMinItems() + " items");
    }
    if (schema.getMaxItems() != null && value.size() > schema.getMaxItems()) {
      errors.add(path + ": Too many: " + value.size() + ": must have at most " + schema.getMaxItems() + " items");
    }
    if ("set".equals(schema.getXKubernetesListType()) || "map".equals(schema.getXKubernetesListType())) {
      Set<JsonNode> seen = new HashSet<>();
      for (int i = 0; i < value.size(); i++) {
        JsonNode key = listKey(value.get(i), schema);
        if (!seen.add(key)) {
          errors.add(path + "[" + i + "]: Duplicate value: " + duplicate(key, schema));
        }
      }
    }
    JSONSchemaProps items = schema.getItems() == null ? null : schema.getItems().getSchema();
    for (int i = 0; items != null && i < value.size(); i++) {
      check(value.get(i), items, path + "[" + i + "]", errors);
    }
  }

  private static void checkScalar(JsonNode value, JSONSchemaProps schema, String path, List<String> errors) {
    if (schema.getEnum() != null && !schema.getEnum().isEmpty() && !schema.getEnum().contains(value)) {
      errors.add(path + ": Unsupported value: " + value + ": supported values: "
          + schema.getEnum().stream().map(JsonNode::toString).collect(Collectors.joining(", ")));
    }
    if (value.isNumber()) {
      if (schema.getMinimum() != null && value.asDouble() < schema.getMinimum()) {
        errors.add(path + ": Invalid value: " + value + ": " + path + " in body should be greater than or equal to "
            + number(schema.getMinimum()));
      }
      if (schema.getMaximum() != null && value.asDouble() > schema.getMaximum()) {
        errors.add(path + ": Invalid value: " + value + ": " + path + " in body should be less than or equal to "
            + number(schema.getMaximum()));
      }
    }
    if (value.isTextual()) {
      int length = value.asText().codePointCount(0, value.asText().length());
      if (schema.getMinLength() != null && length < schema.getMinLength()) {
        errors.add(path + ": Invalid value: " + value + ": " + path + " in body should be at least "
            + schema.getMinLength() + " chars long");
      }
      if (schema.getMaxLength() != null && length > schema.getMaxLength()) {
        errors.add(path + ": Too long: may not be more than " + schema.getMaxLength() + " bytes");
      }
      if (schema.getPattern() != null && !Pattern.compile(schema.getPattern()).matcher(value.asText()).find()) {
        errors.add(path + ": Invalid value: " + value + ": " + path + " in body should match '" + schema.getPattern() + "'");
      }
    }
  }

  private void checkRules(JsonNode value, JSONSchemaProps schema, String path, List<String> errors) {
    for (CelRule rule : rules.getOrDefault(schema, List.of())) {
      if (!rule.holdsFor(CelValues.of(value))) {
        failedRules.add(rule);
        String fieldPath = rule.rule().getFieldPath() == null ? "" : rule.rule().getFieldPath();
        errors.add(path + fieldPath + ": Invalid value: \"" + jsonType(value) + "\": " + rule.rule().getMessage());
      }
    }
  }

  /** A set's item is its own key; a list-map item is keyed by its x-kubernetes-list-map-keys. */
  /** How the API server prints a repeated key: Go's %#v of the key map for a map list, JSON for a set. */
  private static String duplicate(JsonNode key, JSONSchemaProps schema) {
    return "map".equals(schema.getXKubernetesListType()) ? "map[string]interface {}" + key : key.toString();
  }

  private static JsonNode listKey(JsonNode item, JSONSchemaProps schema) {
    if (!"map".equals(schema.getXKubernetesListType())) {
      return item;
    }
    ObjectNode key = YAML.createObjectNode();
    schema.getXKubernetesListMapKeys().forEach(name -> key.set(name, item.path(name)));
    return key;
  }

  private static boolean hasType(JsonNode value, String type) {
    switch (type) {
      case "object":
        return value.isObject();
      case "array":
        return value.isArray();
      case "string":
        return value.isTextual();
      case "integer":
        return value.isIntegralNumber() || (value.isNumber() && value.asDouble() == Math.rint(value.asDouble()));
      case "number":
        return value.isNumber();
      case "boolean":
        return value.isBoolean();
      default:
        return true;
    }
  }

  private static String jsonType(JsonNode value) {
    if (value.isObject()) {
      return "object";
    }
    if (value.isArray()) {
      return "array";
    }
    if (value.isTextual()) {
      return "string";
    }
    if (value.isNumber()) {
      return value.isIntegralNumber() ? "integer" : "number";
    }
    return value.isBoolean() ? "boolean" : "null";
  }

  private static String number(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

  /** JSON as the Java values CEL's runtime takes: maps, lists, longs, doubles, strings, booleans. */
  private static final class CelValues {
    static Object of(JsonNode value) {
      if (value.isObject()) {
        Map<String, Object> map = new LinkedHashMap<>();
        value.fields().forEachRemaining(field -> map.put(field.getKey(), of(field.getValue())));
        return map;
      }
      if (value.isArray()) {
        List<Object> list = new ArrayList<>();
        value.forEach(item -> list.add(of(item)));
        return list;
      }
      if (value.isIntegralNumber()) {
        return value.asLong();
      }
      if (value.isNumber()) {
        return value.asDouble();
      }
      if (value.isBoolean()) {
        return value.asBoolean();
      }
      return value.isNull() ? com.google.protobuf.NullValue.NULL_VALUE : value.asText();
    }
  }
}
