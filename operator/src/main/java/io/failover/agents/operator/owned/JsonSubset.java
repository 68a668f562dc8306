package io.failover.agents.operator.owned;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Whether every field the operator sets is present with the same value, ignoring what the API
 * server or other controllers added (defaults such as imagePullPolicy or terminationMessagePath).
 * Comparing the whole object would rewrite it on every reconcile against a real API server.
 */
public final class JsonSubset {
  private JsonSubset() {}

  static boolean contains(JsonNode actual, JsonNode desired) {
    if (desired == null || desired.isNull() || desired.isMissingNode()) {
      return true;
    }
    if (desired.isObject()) {
      if (desired.isEmpty()) {
        return true;
      }
      if (actual == null || !actual.isObject()) {
        return false;
      }
      for (Iterator<Map.Entry<String, JsonNode>> fields = desired.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (!contains(actual.get(field.getKey()), field.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (desired.isArray()) {
      if (desired.isEmpty()) {
        return actual == null || actual.isNull() || (actual.isArray() && actual.isEmpty());
      }
      if (actual == null || !actual.isArray() || actual.size() != desired.size()) {
        return false;
      }
      for (int i = 0; i < desired.size(); i++) {
        if (!contains(actual.get(i), desired.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (actual == null) {
      return false;
    }
    if (desired.isNumber() && actual.isNumber()) {
      return desired.decimalValue().compareTo(actual.decimalValue()) == 0;
    }
    return desired.equals(actual);
  }
}
