package io.failover.agents.api.crd.admission;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What Go's url.ParseRequestURI answers for these inputs (checked against Go's net/url behaviour). */
class GoRequestUriTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "https://api.anthropic.com | true",
      "http://ollama.ollama:11434/v1 | true",
      "http://user:pw@host:8080/path?q=1 | true",
      "http://[::1]:11434 | true",
      "http:// | true",
      "/absolute/path | true",
      "mailto:someone@example.com | true",
      "ollama:11434 please | true",
      "relative/path | false",
      "'' | false",
      ":11434 | false",
      "http://ollama host:11434 | false",
      "http://ollama:port | false",
      "http://host/%zz | false",
      "'http://host/a\u0007b' | false",
      "1http://host | false",
  })
  void parsesAsGoDoes(String input, boolean parses) {
    assertThat(GoRequestUri.parses(input)).isEqualTo(parses);
  }
}
