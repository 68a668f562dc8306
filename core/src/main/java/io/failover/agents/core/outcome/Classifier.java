package io.failover.agents.core.outcome;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns a report into an outcome kind: the table of SPEC section 4, first match wins. */
public final class Classifier {
  private static final Set<Integer> AUTH_STATUSES = Set.of(401, 403);
  private static final Set<String> AUTH_TYPES =
      Set.of("authentication_error", "permission_error", "invalid_api_key", "unauthorized");
  private static final Set<String> QUOTA_TYPES = Set.of("insufficient_quota", "billing_error");
  private static final Set<String> QUOTA_CODES = Set.of(
      "credit_balance_exhausted",
      "organization_spend_limit_exceeded",
      "project_spend_limit_exceeded",
      "organization_usage_limit_exceeded",
      "enforced_spend_limit_reached");
  private static final Set<Integer> QUOTA_MESSAGE_STATUSES = Set.of(400, 429);
  /**
   * A credit balance too low, or a usage or spend limit reached: Anthropic answers these with a 400 or a
   * 429, and the Claude Code CLI may pass on only such text, without the error code.
   */
  private static final Pattern QUOTA_MESSAGE = Pattern.compile(
      "credit balance (is )?too low"
          + "|(reached|exceeded|hit) (your |the |its )?([\\w'-]+ ){0,3}(usage|spend|spending) limits?"
          + "|(usage|spend|spending) limits? (was |is |has been |have been )?(reached|exceeded)",
      Pattern.CASE_INSENSITIVE);
  private static final Set<Integer> SERVER_ERROR_STATUSES = Set.of(500, 502, 503, 504, 529);
  private static final Set<String> SERVER_ERROR_TYPES = Set.of("overloaded_error", "api_error", "server_is_overloaded");

  private Classifier() {}

  public static OutcomeKind classify(Report report) {
    if (report.success()) {
      return OutcomeKind.SUCCESS;
    }
    int status = report.httpStatus().orElse(0);
    String type = normalized(report.errorType().orElse(null));
    if (AUTH_STATUSES.contains(status) || AUTH_TYPES.contains(type)) {
      return OutcomeKind.AUTH;
    }
    if (isQuota(status, type, normalized(report.errorCode().orElse(null)), report.message().orElse(null))) {
      return OutcomeKind.QUOTA;
    }
    if (status == 429) {
      return OutcomeKind.RATE_LIMIT;
    }
    if (SERVER_ERROR_STATUSES.contains(status) || SERVER_ERROR_TYPES.contains(type)) {
      return OutcomeKind.SERVER_ERROR;
    }
    return OutcomeKind.OTHER;
  }

  private static boolean isQuota(int status, String type, String code, String message) {
    return status == 402
        || QUOTA_TYPES.contains(type)
        || QUOTA_CODES.contains(code)
        || (QUOTA_MESSAGE_STATUSES.contains(status) && message != null && QUOTA_MESSAGE.matcher(message).find());
  }

  private static String normalized(String value) {
    return value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
  }
}
