package io.failover.agents.core.outcome;

import java.time.Instant;
import java.util.Optional;

/**
 * One finished task as an agent reports it (SPEC section 6), after the request was validated: the
 * record carried from the wire through the classifier to the ledger.
 *
 * @param httpStatus the provider's HTTP status
 * @param errorType error.type of the provider's body
 * @param errorCode error.code (or error.details.error_code)
 * @param message the provider's error message (never stored: it can quote part of a key)
 * @param tier the tier the task ran on; empty means never stale
 * @param provider the provider the task ran on, which its tokens count for
 * @param resetAt when the provider said its limit resets (SPEC section 10)
 */
public record Report(
    Optional<String> id,
    boolean success,
    Optional<Integer> httpStatus,
    Optional<String> errorType,
    Optional<String> errorCode,
    Optional<String> message,
    Optional<Long> retryAfterSeconds,
    Optional<Integer> tier,
    Optional<String> provider,
    long inputTokens,
    long outputTokens,
    Optional<Instant> resetAt) {

  public Report(Optional<String> id, boolean success, Optional<Integer> httpStatus, Optional<String> errorType,
      Optional<String> errorCode, Optional<String> message, Optional<Long> retryAfterSeconds, Optional<Integer> tier,
      Optional<String> provider, long inputTokens, long outputTokens) {
    this(id, success, httpStatus, errorType, errorCode, message, retryAfterSeconds, tier, provider, inputTokens,
        outputTokens, Optional.empty());
  }

  public static Report succeeded() {
    return new Report(Optional.empty(), true, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0, 0);
  }

  /** A failure as a provider described it; any part may be null. */
  public static Report error(Integer httpStatus, String errorType, String errorCode, String message) {
    return new Report(Optional.empty(), false, Optional.ofNullable(httpStatus), Optional.ofNullable(errorType),
        Optional.ofNullable(errorCode), Optional.ofNullable(message), Optional.empty(), Optional.empty(), Optional.empty(),
        0, 0);
  }

  public long tokens() {
    return inputTokens + outputTokens;
  }

  public static Report failed(int httpStatus) {
    return new Report(Optional.empty(), false, Optional.of(httpStatus), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0, 0);
  }

  public Report onTier(int reportedTier) {
    return new Report(id, success, httpStatus, errorType, errorCode, message, retryAfterSeconds,
        Optional.of(reportedTier), provider, inputTokens, outputTokens, resetAt);
  }

  public Report withTokens(long input, long output) {
    return new Report(id, success, httpStatus, errorType, errorCode, message, retryAfterSeconds, tier, provider,
        input, output, resetAt);
  }

  public Report withId(String idempotencyId) {
    return new Report(Optional.of(idempotencyId), success, httpStatus, errorType, errorCode, message,
        retryAfterSeconds, tier, provider, inputTokens, outputTokens, resetAt);
  }

  public Report withProvider(String reportedProvider) {
    return new Report(id, success, httpStatus, errorType, errorCode, message, retryAfterSeconds, tier,
        Optional.of(reportedProvider), inputTokens, outputTokens, resetAt);
  }

  public Report withRetryAfter(long seconds) {
    return new Report(id, success, httpStatus, errorType, errorCode, message, Optional.of(seconds), tier,
        provider, inputTokens, outputTokens, resetAt);
  }

  public Report withResetAt(Instant reset) {
    return new Report(id, success, httpStatus, errorType, errorCode, message, retryAfterSeconds, tier,
        provider, inputTokens, outputTokens, Optional.of(reset));
  }
}
