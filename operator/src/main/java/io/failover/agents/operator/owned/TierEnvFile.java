package io.failover.agents.operator.owned;

import java.util.Map;
import java.util.TreeMap;

/**
 * One tier's env as a file a shell can load ({@code set -a; . tier-2.env}): {@code KEY='value'} lines,
 * each value in single quotes with a quote written as {@code '\''}, so that quotes, {@code $},
 * backslashes, spaces and newlines come back byte for byte and nothing in a value is ever expanded.
 */
public final class TierEnvFile {
  private TierEnvFile() {}

  public static String of(Map<String, String> env) {
    StringBuilder file = new StringBuilder();
    new TreeMap<>(env).forEach((key, value) -> file.append(key).append('=').append(quoted(value)).append('\n'));
    return file.toString();
  }

  static String quoted(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
