package io.failover.agents.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The page's pure helpers (formatting, the view in the URL, sorting and filtering, the spec the editor
 * writes, the chart's geometry, YAML, the store) are unit-tested with `node --test`; this runs them
 * from the build, so a failing one fails `mvn verify`. Run them alone: node --test dashboard/src/test/js/
 */
class FrontEndUnitTest {
  @Test
  void theNodeTestsOfThePagesHelpersPass() throws Exception {
    List<String> command = new ArrayList<>(List.of("node", "--test"));
    try (Stream<Path> files = Files.list(Path.of("src", "test", "js"))) {
      files.map(Path::toString).filter(name -> name.endsWith(".test.js")).sorted().forEach(command::add);
    }
    assertThat(command).hasSizeGreaterThan(2);
    Path log = Files.createTempFile("node-test", ".log");
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    } catch (IOException noNode) {
      throw new AssertionError("node is needed to test the page's helpers (apt-get install nodejs; .ci/run does)", noNode);
    }
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("node --test finished").isTrue();
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("# fail 0");
  }
}
