package io.failover.agents.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed {@code crds/} are exactly what the generator makes from the resource classes.
 * Regenerate with {@code mvn -pl api test -Dtest=GeneratedCrdsTest -Dcrds.update=true}.
 */
class GeneratedCrdsTest {
  static final Path COMMITTED = Path.of("..", "crds");
  /** The chart carries a copy (Helm installs CRDs from its own crds/); the chart's test checks it. */
  static final Path CHART_COPY = Path.of("..", "charts", "agent-failover", "crds");

  @Test
  void committedCrdsAreTheGeneratedOnes() throws IOException {
    Map<String, String> generated = CrdGeneration.generate();
    if (Boolean.getBoolean("crds.update")) {
      write(generated, COMMITTED);
      write(generated, CHART_COPY);
    }
    assertThat(read())
        .as("crds/ differs from the generated CRDs; run: mvn -pl api test -Dtest=GeneratedCrdsTest -Dcrds.update=true")
        .isEqualTo(generated);
  }

  private static void write(Map<String, String> generated, Path directory) throws IOException {
    Files.createDirectories(directory);
    try (Stream<Path> old = Files.list(directory)) {
      for (Path file : old.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        Files.delete(file);
      }
    }
    for (Map.Entry<String, String> file : generated.entrySet()) {
      Files.writeString(directory.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
    }
  }

  static Map<String, String> read() throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(COMMITTED)) {
      for (Path file : list.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        files.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
      }
    }
    return files;
  }
}
