package io.failover.agents.demo.kubectl;

import java.time.Duration;
import java.time.Instant;

/** An age as the API server prints it in Tables (kubectl prints date cells as given). */
final class Ages {
  private Ages() {}

  static String since(String timestamp, Instant now) {
    try {
      return human(Duration.between(Instant.parse(timestamp), now));
    } catch (RuntimeException unreadable) {
      return "<unknown>";
    }
  }

  static String human(Duration age) {
    long seconds = Math.max(0, age.toSeconds());
    if (seconds < 120) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 10) {
      return seconds % 60 == 0 ? minutes + "m" : minutes + "m" + seconds % 60 + "s";
    }
    if (minutes < 60 * 3) {
      return minutes + "m";
    }
    long hours = minutes / 60;
    if (hours < 8) {
      return minutes % 60 == 0 ? hours + "h" : hours + "h" + minutes % 60 + "m";
    }
    if (hours < 48) {
      return hours + "h";
    }
    long days = hours / 24;
    if (days < 8) {
      return hours % 24 == 0 ? days + "d" : days + "d" + hours % 24 + "h";
    }
    return days < 365 * 2 ? days + "d" : days / 365 + "y";
  }
}
