package io.failover.agents.app.chart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A command-line tool the tests run for real: promtool (from Debian's prometheus package, which
 * .ci/run unpacks) and busybox (the applets of the helm test's image). Missing, it fails the test
 * with the way to install it rather than skipping.
 */
final class Tool {
  record Run(int exitCode, String output) {}

  private final Path executable;

  private Tool(Path executable) {
    this.executable = executable;
  }

  static Tool find(String name, String install) {
    Optional<Path> found = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
        .map(dir -> Path.of(dir, name)).filter(Files::isExecutable).findFirst();
    return new Tool(found.orElseThrow(() -> new AssertionError(name + " is not on the PATH: " + install)));
  }

  Path executable() {
    return executable;
  }

  Run run(Path workingDir, Map<String, String> environment, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process = builder.start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(command + " did not finish within 120 s");
    }
    return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
