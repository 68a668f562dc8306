package io.failover.agents.operator.intake;

import java.util.Optional;

/** One finished task as an agent reports it (SPEC section 6), after the request was validated. */
public record OutcomeReport(
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
    long outputTokens) {

  public static OutcomeReport succeeded() {
    return new OutcomeReport(Optional.empty(), true, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0, 0);
  }

  public static OutcomeReport failed(int httpStatus) {
    return new OutcomeReport(Optional.empty(), false, Optional.of(httpStatus), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0, 0);
  }

  public OutcomeReport onTier(int reportedTier) {
    return new OutcomeReport(id, success, httpStatus, errorType, errorCode, message, retryAfterSeconds,
        Optional.of(reportedTier), provider, inputTokens, outputTokens);
  }

  public OutcomeReport withTokens(long input, long output) {
    return new OutcomeReport(id, success, httpStatus, errorType, errorCode, message, retryAfterSeconds, tier, provider,
        input, output);
  }

  public OutcomeReport withId(String idempotencyId) {
    return new OutcomeReport(Optional.of(idempotencyId), success, httpStatus, errorType, errorCode, message,
        retryAfterSeconds, tier, provider, inputTokens, outputTokens);
  }

  public OutcomeReport withProvider(String reportedProvider) {
    return new OutcomeReport(id, success, httpStatus, errorType, errorCode, message, retryAfterSeconds, tier,
        Optional.of(reportedProvider), inputTokens, outputTokens);
  }

  public OutcomeReport withRetryAfter(long seconds) {
    return new OutcomeReport(id, success, httpStatus, errorType, errorCode, message, Optional.of(seconds), tier,
        provider, inputTokens, outputTokens);
  }
}
