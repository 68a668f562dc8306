package io.failover.agents.dashboard.auth;

import java.util.Optional;

/** An answer other than success, with the body of docs/dashboard-api.md. */
public final class ApiException extends RuntimeException {
  private final int status;
  private final Optional<String> field;

  public ApiException(int status, String message) {
    this(status, Optional.empty(), message);
  }

  public ApiException(int status, Optional<String> field, String message) {
    super(message, null, false, false);
    this.status = status;
    this.field = field;
  }

  public int status() {
    return status;
  }

  public Optional<String> field() {
    return field;
  }
}
