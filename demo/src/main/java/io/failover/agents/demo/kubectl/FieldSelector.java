package io.failover.agents.demo.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Field selectors ({@code a.b=x,c!=y}) applied by the front, which the mock does not understand. */
record FieldSelector(List<Term> terms) {

  record Term(String path, String value, boolean equal) {}

  static FieldSelector parse(String encoded) {
    List<Term> terms = new ArrayList<>();
    for (String term : URLDecoder.decode(encoded, StandardCharsets.UTF_8).split(",")) {
      if (term.isBlank()) {
        continue;
      }
      int notEqual = term.indexOf("!=");
      if (notEqual >= 0) {
        terms.add(new Term(term.substring(0, notEqual), term.substring(notEqual + 2), false));
      } else {
        String[] parts = term.split("==?", 2);
        terms.add(new Term(parts[0], parts.length > 1 ? parts[1] : "", true));
      }
    }
    return new FieldSelector(List.copyOf(terms));
  }

  boolean matches(JsonNode object) {
    for (Term term : terms) {
      String actual = JsonPaths.evaluate(object, "." + term.path()).asText("");
      if (actual.equals(term.value()) != term.equal()) {
        return false;
      }
    }
    return true;
  }

  /** The name a {@code metadata.name=} term asks for, if any. */
  java.util.Optional<String> name() {
    return terms.stream().filter(term -> term.equal() && term.path().equals("metadata.name")).map(Term::value).findFirst();
  }
}
