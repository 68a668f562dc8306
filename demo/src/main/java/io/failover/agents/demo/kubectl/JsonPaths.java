package io.failover.agents.demo.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSONPath subset printer columns use: {@code .a.b}, {@code .a[0]} and
 * {@code .a[?(@.key=="value")].b}. A missing key yields a missing node, as the API server allows.
 */
final class JsonPaths {
  private static final Pattern SEGMENT = Pattern.compile("\\.([A-Za-z0-9_-]+)|\\[(\\d+)]|\\[\\?\\(@\\.([A-Za-z0-9_-]+)==\"([^\"]*)\"\\)]");

  private JsonPaths() {}

  static JsonNode evaluate(JsonNode root, String path) {
    JsonNode node = root;
    Matcher matcher = SEGMENT.matcher(path);
    int consumed = 0;
    while (matcher.find() && matcher.start() == consumed) {
      consumed = matcher.end();
      if (matcher.group(1) != null) {
        node = node.path(matcher.group(1));
      } else if (matcher.group(2) != null) {
        node = node.path(Integer.parseInt(matcher.group(2)));
      } else {
        node = firstMatching(node, matcher.group(3), matcher.group(4));
      }
    }
    return consumed == path.length() ? node : MissingNode.getInstance();
  }

  private static JsonNode firstMatching(JsonNode list, String key, String value) {
    if (list.isArray()) {
      for (JsonNode element : list) {
        if (value.equals(element.path(key).asText())) {
          return element;
        }
      }
    }
    return MissingNode.getInstance();
  }
}
