package io.failover.agents.core.policy;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A token-budget window: a positive number of s, m, h or d, or "all" (count forever, never trip). */
public final class BudgetWindow {
  public static final String ALL = "all";
  private static final Pattern DURATION = Pattern.compile("([1-9][0-9]{0,8})([smhd])");

  private BudgetWindow() {}

  public static boolean isValid(String text) {
    return ALL.equals(text) || (text != null && DURATION.matcher(text).matches());
  }

  /** The window's length; empty for "all". Only for valid text. */
  public static Optional<Duration> duration(String text) {
    if (ALL.equals(text)) {
      return Optional.empty();
    }
    Matcher matcher = DURATION.matcher(text);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("not a budget window: " + text);
    }
    long amount = Long.parseLong(matcher.group(1));
    return Optional.of(switch (matcher.group(2)) {
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    });
  }
}
