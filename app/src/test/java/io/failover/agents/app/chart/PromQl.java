package io.failover.agents.app.chart;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads. promtool checks the syntax; this only has to tell
 * metric names from functions, keywords, label names and literals, which PromQL's lexical rules make
 * unambiguous: an identifier before "(", by or without is a function or aggregation, the parentheses after by,
 * without, on, ignoring, group_left and group_right hold label names, and label matchers, ranges and
 * strings hold no metric names.
 */
final class PromQl {
  private static final Pattern STRINGS = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'|`[^`]*`");
  private static final Pattern MATCHERS_AND_RANGES = Pattern.compile("\\{[^}]*}|\\[[^]]*]");
  private static final Pattern TOKEN = Pattern.compile(
      "(?<duration>\\d+(?:ms|s|m|h|d|w|y)\\b)|(?<number>\\d*\\.?\\d+(?:[eE][+-]?\\d+)?)|(?<id>[a-zA-Z_:][a-zA-Z0-9_:]*)|(?<paren>[()])");
  private static final Set<String> LABEL_LIST_KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
  private static final Set<String> KEYWORDS = Set.of("bool", "and", "or", "unless", "offset", "atan2", "inf", "nan", "Inf", "NaN");

  private PromQl() {}

  static Set<String> metricNames(String expression) {
    String text = MATCHERS_AND_RANGES.matcher(STRINGS.matcher(expression).replaceAll("\"\"")).replaceAll(" ");
    List<String> tokens = TOKEN.matcher(text).results().map(java.util.regex.MatchResult::group).toList();
    Set<String> names = new TreeSet<>();
    for (int i = 0; i < tokens.size(); i++) {
      String token = tokens.get(i);
      String next = i + 1 < tokens.size() ? tokens.get(i + 1) : "";
      boolean callOrList = next.equals("(");
      boolean aggregation = next.equals("by") || next.equals("without");
      if (LABEL_LIST_KEYWORDS.contains(token)) {
        i = callOrList ? closing(tokens, i + 1) : i;
      } else if (isIdentifier(token) && !KEYWORDS.contains(token) && !callOrList && !aggregation) {
        names.add(token);
      }
    }
    return names;
  }

  /** The metric a Grafana variable query such as {@code label_values(metric{...}, label)} reads. */
  static Set<String> variableQueryMetrics(String query) {
    Matcher labelValues = Pattern.compile("^label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)").matcher(query.strip());
    return labelValues.find() ? Set.of(labelValues.group(1)) : metricNames(query.replaceAll("^query_result\\((.*)\\)$", "$1"));
  }

  private static int closing(List<String> tokens, int open) {
    int depth = 0;
    for (int i = open; i < tokens.size(); i++) {
      depth += tokens.get(i).equals("(") ? 1 : tokens.get(i).equals(")") ? -1 : 0;
      if (depth == 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("unbalanced parentheses");
  }

  private static boolean isIdentifier(String token) {
    return Character.isLetter(token.charAt(0)) || token.charAt(0) == '_' || token.charAt(0) == ':';
  }
}
