package io.failover.agents.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The dashboard may use the operator's pure failover rules, and nothing else of the operator. */
class DashboardDependencyTest {
  private static final Pattern OPERATOR_IMPORT = Pattern.compile("^import (static )?io\\.failover\\.agents\\.operator\\.(\\S+);", Pattern.MULTILINE);

  @Test
  void dashboardCodeImportsOnlyTheFailoverRulesOfTheOperator() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
      List<String> offending = files.filter(file -> file.toString().endsWith(".java"))
          .flatMap(file -> {
            try {
              return OPERATOR_IMPORT.matcher(Files.readString(file)).results()
                  .map(match -> match.group(2))
                  .filter(imported -> !imported.startsWith("failover."))
                  .map(imported -> file.getFileName() + " imports io.failover.agents.operator." + imported);
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          })
          .toList();
      assertThat(offending).isEmpty();
    }
  }
}
