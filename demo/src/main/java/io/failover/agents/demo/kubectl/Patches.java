package io.failover.agents.demo.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The two patch types kubectl sends, applied for a server that only knows merge patches. A merge
 * patch (RFC 7386): objects merge, null deletes, anything else replaces. A strategic-merge patch as
 * kubectl's patches need it: the same, but {@code $}-directives are dropped and lists whose elements
 * carry a {@code name} (containers, env, volumes, ports) merge element by element instead of being
 * replaced, so a patch to one container does not wipe the others.
 */
final class Patches {
  private final boolean strategic;

  private Patches(boolean strategic) {
    this.strategic = strategic;
  }

  static JsonNode merge(JsonNode target, JsonNode patch) {
    return new Patches(false).apply(target, patch);
  }

  static JsonNode strategicMerge(JsonNode target, JsonNode patch) {
    return new Patches(true).apply(target, patch);
  }

  private JsonNode apply(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : JsonNodeFactory.instance.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> fields = patch.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = field.getKey();
      JsonNode value = field.getValue();
      if (strategic && key.startsWith("$")) {
        continue;
      }
      if (value.isNull()) {
        result.remove(key);
      } else if (value.isObject()) {
        result.set(key, apply(result.get(key), value));
      } else if (strategic && value.isArray() && isNamedList(value) && result.path(key).isArray()) {
        result.set(key, mergeByName((ArrayNode) result.get(key), (ArrayNode) value));
      } else {
        result.set(key, value.deepCopy());
      }
    }
    return result;
  }

  private static boolean isNamedList(JsonNode list) {
    if (list.isEmpty()) {
      return false;
    }
    for (JsonNode element : list) {
      if (!element.isObject() || !element.path("name").isTextual()) {
        return false;
      }
    }
    return true;
  }

  private ArrayNode mergeByName(ArrayNode current, ArrayNode patch) {
    ArrayNode merged = current.arrayNode();
    for (JsonNode element : current) {
      JsonNode patched = find(patch, element.path("name").asText());
      if (patched == null) {
        merged.add(element.deepCopy());
      } else if (!"delete".equals(patched.path("$patch").asText())) {
        merged.add(apply(element, patched));
      }
    }
    for (JsonNode element : patch) {
      if (find(current, element.path("name").asText()) == null && !"delete".equals(element.path("$patch").asText())) {
        merged.add(apply(null, element));
      }
    }
    return merged;
  }

  private static JsonNode find(ArrayNode list, String name) {
    for (JsonNode element : list) {
      if (name.equals(element.path("name").asText())) {
        return element;
      }
    }
    return null;
  }
}
