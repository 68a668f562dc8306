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

  @Test
  void committedCrdsAreTheGeneratedOnes() throws IOException {
    Map<String, String> generated = CrdGeneration.generate();
    if (Boolean.getBoolean("crds.update")) {
      write(generated);
    }
    assertThat(read())
        .as("crds/ differs from the generated CRDs; run: mvn -pl api test -Dtest=GeneratedCrdsTest -Dcrds.update=true")
        .isEqualTo(generated);
  }

  private static void write(Map<String, String> generated) throws IOException {
    Files.createDirectories(COMMITTED);
    try (Stream<Path> old = Files.list(COMMITTED)) {
      for (Path file : old.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        Files.delete(file);
      }
    }
    for (Map.Entry<String, String> file : generated.entrySet()) {
      Files.writeString(COMMITTED.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
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
