package io.failover.agents.app.kit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real OpenAI Codex CLI the tests run: the version agent-kit/test-cli/package.json pins, as
 * {@code npm ci} installs it there, with the agent image's config.toml in a CODEX_HOME of its own and
 * every connection but the stub's sent to a refusing proxy.
 */
final class CodexCli {
  static final String PACKAGE = "@openai/codex";
  static final Path CONFIG = KitProcess.KIT.resolve("codex-config.toml");
  static final Path IMAGE = KitProcess.KIT.resolve("codex.Dockerfile");
  private static Boolean installed;

  private CodexCli() {}

  static String pinnedVersion() {
    try {
      return new ObjectMapper().readTree(ClaudeCli.DIR.resolve("package.json").toFile()).path("dependencies").path(PACKAGE).asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path executable() {
    return ClaudeCli.DIR.resolve("node_modules/.bin/codex");
  }

  /** Skips the calling test, saying why, unless the pinned CLI is installed. */
  static synchronized Path require() {
    if (installed == null) {
      installed = isPinnedVersion(executable());
    }
    assumeTrue(installed, "Codex " + pinnedVersion() + " is not installed in " + ClaudeCli.DIR
        + ": run `npm ci --no-audit --no-fund` there (.ci/run does)");
    return executable();
  }

  private static boolean isPinnedVersion(Path codex) {
    if (!Files.isExecutable(codex)) {
      return false;
    }
    try {
      Process process = new ProcessBuilder(codex.toString(), "--version").redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0 && out.strip().endsWith(" " + pinnedVersion());
    } catch (IOException | InterruptedException notRunnable) {
      return false;
    }
  }

  /** The environment of one run, as the operator's openai preset and the agent image give it. */
  static Map<String, String> env(Path home, String baseUrl, RefusingProxy proxy) throws IOException {
    Path codexHome = Files.createDirectories(home.resolve(".codex"));
    Files.copy(CONFIG, codexHome.resolve("config.toml"));
    Map<String, String> env = new HashMap<>();
    env.put("HOME", home.toString());
    env.put("CODEX_HOME", codexHome.toString());
    env.put("OPENAI_BASE_URL", baseUrl);
    env.put("OPENAI_API_KEY", "sk-proj-stub-key");
    env.put("OPENAI_MODEL", "gpt-5");
    for (String name : List.of("HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "https_proxy", "http_proxy", "all_proxy")) {
      env.put(name, proxy.url());
    }
    env.put("NO_PROXY", "127.0.0.1,localhost");
    env.put("no_proxy", "127.0.0.1,localhost");
    env.put("FAILOVER_CODEX_BIN", require().toString());
    return env;
  }
}
