package io.failover.agents.demo.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The Kubernetes JSONPath that printer columns use, evaluated the way the API server fills a cell:
 * the first result, or a missing node when there is none. Understood: {@code .a.b}, {@code .*},
 * {@code ['key']}, {@code [n]} (negative from the end), {@code [a:b]}, {@code [*]}, and filters
 * {@code [?(@.a.b OP literal)]} with {@code == != < <= > >=} against a quoted string, a number,
 * true, false or null, and {@code [?(@.a)]} for existence. An optional {@code {...}} around the
 * path is allowed. A path outside this grammar throws {@link IllegalArgumentException} naming where.
 */
final class JsonPaths {
  private final String path;
  private int at;

  private JsonPaths(String path) {
    this.path = path;
  }

  /** The first value the path selects, or a missing node (also for a path it cannot read). */
  static JsonNode evaluate(JsonNode root, String path) {
    try {
      List<JsonNode> results = evaluateAll(root, path);
      return results.isEmpty() ? MissingNode.getInstance() : results.get(0);
    } catch (IllegalArgumentException unreadable) {
      return MissingNode.getInstance();
    }
  }

  /** Every value the path selects, in document order. */
  static List<JsonNode> evaluateAll(JsonNode root, String path) {
    String trimmed = path.trim();
    if (trimmed.startsWith("{") && trimmed.endsWith("}")) {
      trimmed = trimmed.substring(1, trimmed.length() - 1).trim();
    }
    return new JsonPaths(trimmed).select(List.of(root));
  }

  private List<JsonNode> select(List<JsonNode> current) {
    while (at < path.length()) {
      char next = path.charAt(at);
      if (next == '.') {
        at++;
        current = field(current, name());
      } else if (next == '[') {
        at++;
        current = bracket(current);
        expect(']');
      } else {
        throw unreadable("expected '.' or '['");
      }
      current = current.stream().filter(node -> !node.isMissingNode()).toList();
    }
    return current;
  }

  private String name() {
    int start = at;
    while (at < path.length() && (Character.isLetterOrDigit(path.charAt(at)) || "_-$*/".indexOf(path.charAt(at)) >= 0)) {
      at++;
    }
    if (start == at && at < path.length()) {
      throw unreadable("expected a field name");
    }
    return path.substring(start, at);
  }

  private static List<JsonNode> field(List<JsonNode> current, String name) {
    List<JsonNode> selected = new ArrayList<>();
    for (JsonNode node : current) {
      if (name.isEmpty()) {
        selected.add(node);
      } else if (name.equals("*")) {
        node.elements().forEachRemaining(selected::add);
      } else {
        selected.add(node.path(name));
      }
    }
    return selected;
  }

  private List<JsonNode> bracket(List<JsonNode> current) {
    skipSpaces();
    if (peek('?')) {
      at++;
      expect('(');
      Filter filter = filter();
      expect(')');
      List<JsonNode> selected = new ArrayList<>();
      current.forEach(node -> node.elements().forEachRemaining(element -> {
        if (filter.matches(element)) {
          selected.add(element);
        }
      }));
      return selected;
    }
    if (peek('\'') || peek('"')) {
      return field(current, quoted());
    }
    if (peek('*')) {
      at++;
      return field(current, "*");
    }
    Integer first = peek(':') ? null : integer();
    if (!peek(':')) {
      return current.stream().map(node -> node.path(first < 0 ? node.size() + first : first)).toList();
    }
    at++;
    Integer end = peek(']') ? null : integer();
    List<JsonNode> selected = new ArrayList<>();
    for (JsonNode node : current) {
      int size = node.size();
      int from = clamp(first == null ? 0 : first, size);
      int to = clamp(end == null ? size : end, size);
      for (int i = from; i < to; i++) {
        selected.add(node.get(i));
      }
    }
    return selected;
  }

  private static int clamp(int index, int size) {
    return Math.max(0, Math.min(size, index < 0 ? size + index : index));
  }

  private Filter filter() {
    skipSpaces();
    expect('@');
    int start = at;
    while (at < path.length() && (path.charAt(at) == '.' || path.charAt(at) == '[' && !peekAhead("[?"))) {
      if (path.charAt(at) == '.') {
        at++;
        name();
      } else {
        int close = path.indexOf(']', at);
        if (close < 0) {
          throw unreadable("unclosed '['");
        }
        at = close + 1;
      }
    }
    String left = path.substring(start, at);
    skipSpaces();
    String operator = operator();
    if (operator.isEmpty()) {
      return element -> !evaluateAll(element, left).isEmpty();
    }
    skipSpaces();
    Object literal = literal();
    skipSpaces();
    return element -> evaluateAll(element, left).stream().anyMatch(value -> compare(value, operator, literal));
  }

  private String operator() {
    for (String operator : List.of("==", "!=", "<=", ">=", "<", ">")) {
      if (path.startsWith(operator, at)) {
        at += operator.length();
        return operator;
      }
    }
    return "";
  }

  private Object literal() {
    if (peek('\'') || peek('"')) {
      return quoted();
    }
    for (String word : List.of("true", "false", "null")) {
      if (path.startsWith(word, at)) {
        at += word.length();
        return word.equals("null") ? null : Boolean.valueOf(word);
      }
    }
    int start = at;
    while (at < path.length() && "+-.0123456789eE".indexOf(path.charAt(at)) >= 0) {
      at++;
    }
    try {
      return new BigDecimal(path.substring(start, at));
    } catch (NumberFormatException notANumber) {
      at = start;
      throw unreadable("expected a quoted string, a number, true, false or null");
    }
  }

  private static boolean compare(JsonNode value, String operator, Object literal) {
    int order;
    if (literal == null) {
      order = value.isNull() ? 0 : 1;
    } else if (literal instanceof BigDecimal number) {
      if (!value.isNumber()) {
        return operator.equals("!=");
      }
      order = value.decimalValue().compareTo(number);
    } else if (literal instanceof Boolean bool) {
      if (!value.isBoolean()) {
        return operator.equals("!=");
      }
      order = Boolean.compare(value.booleanValue(), bool);
    } else {
      if (!value.isTextual()) {
        return operator.equals("!=");
      }
      order = value.textValue().compareTo((String) literal);
    }
    return switch (operator) {
      case "==" -> order == 0;
      case "!=" -> order != 0;
      case "<" -> order < 0;
      case "<=" -> order <= 0;
      case ">" -> order > 0;
      default -> order >= 0;
    };
  }

  private String quoted() {
    char quote = path.charAt(at++);
    StringBuilder text = new StringBuilder();
    while (at < path.length() && path.charAt(at) != quote) {
      char c = path.charAt(at++);
      if (c == '\\' && at < path.length()) {
        c = path.charAt(at++);
      }
      text.append(c);
    }
    expect(quote);
    return text.toString();
  }

  private int integer() {
    skipSpaces();
    int start = at;
    if (peek('-')) {
      at++;
    }
    while (at < path.length() && Character.isDigit(path.charAt(at))) {
      at++;
    }
    try {
      return Integer.parseInt(path.substring(start, at));
    } catch (NumberFormatException notAnIndex) {
      at = start;
      throw unreadable("expected an index, a slice, '*', a quoted key or a filter");
    }
  }

  private boolean peek(char c) {
    return at < path.length() && path.charAt(at) == c;
  }

  private boolean peekAhead(String text) {
    return path.startsWith(text, at);
  }

  private void skipSpaces() {
    while (at < path.length() && path.charAt(at) == ' ') {
      at++;
    }
  }

  private void expect(char c) {
    skipSpaces();
    if (!peek(c)) {
      throw unreadable("expected '" + c + "'");
    }
    at++;
  }

  private IllegalArgumentException unreadable(String expected) {
    return new IllegalArgumentException("JSONPath " + path + ": " + expected + " at character " + at);
  }

  /** One filter's test on an element. */
  private interface Filter {
    boolean matches(JsonNode element);
  }
}
