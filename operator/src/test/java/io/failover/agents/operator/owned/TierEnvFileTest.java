package io.failover.agents.operator.owned;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tier env file, loaded by real bash as the agent kit loads it, gives back every value byte for byte. */
class TierEnvFileTest {
  @TempDir Path dir;

  @Test
  void valuesWithQuotesDollarsNewlinesAndSpacesLoadBackByteForByteInBash() throws Exception {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PLAIN", "sk-ant-123");
    env.put("SINGLE_QUOTES", "it's 'quoted'");
    env.put("DOUBLE_QUOTES", "say \"hi\"");
    env.put("DOLLARS", "$HOME ${PATH} $(touch pwned) `touch pwned2`");
    env.put("NEWLINES", "line one\nline two\n\nend\n");
    env.put("SPACES", "  leading and trailing  ");
    env.put("BACKSLASHES", "a\\b\\\\c\\n\\'");
    env.put("UNICODE", "clé ✓ 日本");
    env.put("EMPTY", "");
    env.put("GLOBS", "* ? [a-z] ~ ; | & < > #");
    Path file = dir.resolve("tier-1.env");
    Files.writeString(file, TierEnvFile.of(env), StandardCharsets.UTF_8);

    for (Map.Entry<String, String> entry : env.entrySet()) {
      assertThat(loaded(file, entry.getKey())).as(entry.getKey()).isEqualTo(entry.getValue());
    }
    assertThat(dir.resolve("pwned")).doesNotExist();
    assertThat(Path.of("pwned")).doesNotExist();
  }

  @Test
  void linesAreSortedKeyEqualsSingleQuotedValue() {
    assertThat(TierEnvFile.of(Map.of("B", "it's", "A", "x y"))).isEqualTo("A='x y'\nB='it'\\''s'\n");
  }

  /** The value bash holds after {@code set -a; . file}, as exported to a child process. */
  private String loaded(Path file, String key) throws IOException, InterruptedException {
    Path out = dir.resolve("out-" + key);
    Process bash = new ProcessBuilder("bash", "-c", "set -a; . \"$1\"; printf '%s' \"${!2}\" > \"$3\"", "bash",
        file.toString(), key, out.toString()).directory(dir.toFile()).redirectErrorStream(true).start();
    assertThat(bash.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(bash.exitValue()).as(new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    return Files.readString(out, StandardCharsets.UTF_8);
  }
}
