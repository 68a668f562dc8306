package io.failover.agents.core.outcome;

/**
 * The part of an agent's report that the classifier reads: the result and what the provider said,
 * in the status code and in the JSON error body.
 *
 * @param success result was "success"
 * @param httpStatus the provider's HTTP status, or null
 * @param errorType error.type of the provider's body, or null
 * @param errorCode error.code (or error.details.error_code), or null
 * @param message the provider's error message, or null
 */
public record TaskReport(boolean success, Integer httpStatus, String errorType, String errorCode, String message) {

  public static TaskReport succeeded() {
    return new TaskReport(true, null, null, null, null);
  }

  public static TaskReport failed(Integer httpStatus, String errorType, String errorCode, String message) {
    return new TaskReport(false, httpStatus, errorType, errorCode, message);
  }
}
