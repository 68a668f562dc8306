package io.failover.agents.app.kit;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a file of agent-kit/ the way an agent's container would, with the environment the operator injects. */
final class KitProcess {
  static final Path KIT = Path.of(System.getProperty("agent.kit.dir", "../agent-kit")).toAbsolutePath().normalize();

  record Result(int exit, String out, String err) {}

  private KitProcess() {}

  static Process start(List<String> command, Map<String, String> env, Path dir) throws IOException {
    // as in a pod: no terminal and nothing on stdin (an open pipe makes claude -p wait 3 s for input)
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(dir.resolve("out.txt").toFile())
        .redirectError(dir.resolve("err.txt").toFile());
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv("PATH"));
    builder.environment().put("TMPDIR", dir.toString());
    builder.environment().putAll(env);
    return builder.start();
  }

  static Result run(List<String> command, Map<String, String> env, Path dir) throws IOException, InterruptedException {
    Process process = start(command, env, dir);
    return finish(process, dir);
  }

  static Result finish(Process process, Path dir) throws IOException, InterruptedException {
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the agent kit did not finish within 60 s");
    }
    return new Result(process.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
        Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
  }

  static List<String> reporter(String... args) {
    List<String> command = new ArrayList<>(List.of("sh", KIT.resolve("failover-report").toString()));
    command.addAll(List.of(args));
    return command;
  }

  static List<String> claudeWrapper(String... args) {
    List<String> command = new ArrayList<>(List.of("node", KIT.resolve("failover-claude").toString()));
    command.addAll(List.of(args));
    return command;
  }

  static List<String> codexWrapper(String... args) {
    List<String> command = new ArrayList<>(List.of("node", KIT.resolve("failover-codex").toString()));
    command.addAll(List.of(args));
    return command;
  }

  static boolean installed(String program) {
    try {
      return new ProcessBuilder(program, "--version").redirectErrorStream(true).start().waitFor() == 0;
    } catch (IOException | InterruptedException absent) {
      return false;
    }
  }
}
