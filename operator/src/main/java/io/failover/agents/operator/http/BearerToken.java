package io.failover.agents.operator.http;

import java.util.Optional;

/** The token of an {@code Authorization: Bearer <token>} header; empty for any other scheme or a blank token. */
public final class BearerToken {
  private BearerToken() {}

  public static Optional<String> of(String authorization) {
    String value = authorization.strip();
    if (value.length() < 8 || !value.regionMatches(true, 0, "bearer ", 0, 7)) {
      return Optional.empty();
    }
    String token = value.substring(7).strip();
    return token.isEmpty() || token.chars().anyMatch(Character::isWhitespace) ? Optional.empty() : Optional.of(token);
  }
}
