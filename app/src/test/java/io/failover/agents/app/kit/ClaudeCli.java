package io.failover.agents.app.kit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The real Claude Code CLI the tests run: the version agent-kit/test-cli/package.json pins, as
 * {@code npm ci} installs it there (its native binary comes inside the package), with the settings
 * of the agent image, a HOME of its own, and every connection but the stub's sent to a refusing proxy.
 */
final class ClaudeCli {
  static final String PACKAGE = "@anthropic-ai/claude-code";
  static final Path DIR = KitProcess.KIT.resolve("test-cli");
  static final Path IMAGE = KitProcess.KIT.resolve("claude-code.Dockerfile");
  private static final Pattern IMAGE_ENV = Pattern.compile("(?m)^ENV (\\w+)=(\\S+)$");
  private static Optional<Path> executable;

  private ClaudeCli() {}

  static String pinnedVersion() {
    try {
      return new ObjectMapper().readTree(DIR.resolve("package.json").toFile()).path("dependencies").path(PACKAGE).asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Skips the calling test, saying why, unless the pinned CLI is installed. */
  static Path require() {
    Optional<Path> claude = executable();
    assumeTrue(claude.isPresent(), "Claude Code " + pinnedVersion() + " is not installed in " + DIR.normalize()
        + ": run `npm ci --no-audit --no-fund` there (.ci/run does)");
    return claude.get();
  }

  /**
   * node_modules/.bin/claude, which the package's postinstall step turns into the native binary; where
   * npm skipped that step, the binary of the platform's package that npm installed beside it.
   */
  static synchronized Optional<Path> executable() {
    if (executable == null) {
      Path modules = DIR.resolve("node_modules");
      Stream<Path> candidates = Stream.concat(Stream.of(modules.resolve(".bin/claude")), platformBinaries(modules));
      executable = candidates.filter(ClaudeCli::isPinnedVersion).findFirst();
    }
    return executable;
  }

  private static Stream<Path> platformBinaries(Path modules) {
    Path scope = modules.resolve("@anthropic-ai");
    if (!Files.isDirectory(scope)) {
      return Stream.empty();
    }
    try (Stream<Path> packages = Files.list(scope)) {
      return packages.filter(dir -> dir.getFileName().toString().startsWith("claude-code-"))
          .map(dir -> dir.resolve("claude")).toList().stream();
    } catch (IOException e) {
      return Stream.empty();
    }
  }

  private static boolean isPinnedVersion(Path claude) {
    if (!Files.isExecutable(claude)) {
      return false;
    }
    try {
      Process process = new ProcessBuilder(claude.toString(), "--version").redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0 && out.startsWith(pinnedVersion() + " ");
    } catch (IOException | InterruptedException notRunnable) {
      return false;
    }
  }

  /** The ENV lines of the agent image, which the tests run the CLI with. */
  static Map<String, String> imageEnv() {
    try {
      Matcher env = IMAGE_ENV.matcher(Files.readString(IMAGE));
      Map<String, String> values = new LinkedHashMap<>();
      while (env.find()) {
        values.put(env.group(1), env.group(2));
      }
      return values;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The environment of one run: the image's settings, an API key, the stub as the provider, and a
   * HOME of its own; everything else goes to the refusing proxy (NO_PROXY lets only loopback past it).
   */
  static Map<String, String> env(Path home, String baseUrl, RefusingProxy proxy) throws IOException {
    Files.createDirectories(home);
    Map<String, String> env = new HashMap<>(imageEnv());
    env.put("HOME", home.toString());
    env.put("CLAUDE_CONFIG_DIR", home.resolve(".claude").toString());
    env.put("ANTHROPIC_BASE_URL", baseUrl);
    env.put("ANTHROPIC_API_KEY", "sk-ant-api03-stub-key");
    for (String name : List.of("HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "https_proxy", "http_proxy", "all_proxy")) {
      env.put(name, proxy.url());
    }
    env.put("NO_PROXY", "127.0.0.1,localhost");
    env.put("no_proxy", "127.0.0.1,localhost");
    env.put("FAILOVER_CLAUDE_BIN", require().toString());
    return env;
  }
}
