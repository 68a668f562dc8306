package io.failover.agents.demo.kubectl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The JSONPath of printer columns, filters included, read the way the API server fills a cell. */
class JsonPathsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String AGENT = """
      {"metadata": {"name": "coder-1", "labels": {"app.kubernetes.io/name": "agent"}},
       "spec": {"replicas": 2},
       "status": {"tier": 3, "paused": false, "conditions": [
         {"type": "Degraded", "status": "False", "reason": "Healthy", "observedGeneration": 1},
         {"type": "Ready", "status": "True", "reason": "Rendered", "observedGeneration": 2},
         {"type": "Paused", "status": "False", "reason": "NotPaused", "observedGeneration": 3}]}}
      """;

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      ".status.conditions[?(@.type==\"Ready\")].status        | True",
      ".status.conditions[?(@.type==\"Ready\")].reason        | Rendered",
      ".status.conditions[?(@.type=='Paused')].reason         | NotPaused",
      ".status.conditions[?( @.type == \"Ready\" )].status    | True",
      ".status.conditions[?(@.type!=\"Degraded\")].type       | Ready",
      ".status.conditions[?(@.observedGeneration>2)].type     | Paused",
      ".status.conditions[?(@.observedGeneration<=1)].type    | Degraded",
      ".status.conditions[?(@.reason)].type                   | Degraded",
      ".status.conditions[-1].type                            | Paused",
      ".status.conditions[1:].type                            | Ready",
      ".status.conditions[*].type                             | Degraded",
      ".metadata.labels['app.kubernetes.io/name']             | agent",
      "{.spec.replicas}                                       | 2",
      ".status.tier                                           | 3"})
  void selectsTheFirstMatch(String path, String expected) throws Exception {
    assertThat(JsonPaths.evaluate(JSON.readTree(AGENT), path).asText()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      ".status.conditions[?(@.type==\"Missing\")].status",
      ".status.cooldownUntil",
      ".status.conditions[7].type",
      ".status.conditions[?(@.observedGeneration==\"2\")].type"})
  void findsNothingWhereNothingMatches(String path) throws Exception {
    assertThat(JsonPaths.evaluate(JSON.readTree(AGENT), path).isMissingNode()).isTrue();
  }

  @Test
  void aPathOutsideTheGrammarNamesWhereItStopsAndReadsAsNothingInACell() throws Exception {
    JsonNode agent = JSON.readTree(AGENT);

    assertThatThrownBy(() -> JsonPaths.evaluateAll(agent, ".status.conditions[?(@.type=~\"R.*\")]"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at character");
    assertThat(JsonPaths.evaluate(agent, ".status.conditions[?(@.type=~\"R.*\")]").isMissingNode()).isTrue();
  }
}
