package io.failover.agents.operator.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.failover.agents.core.outcome.Report;
import io.failover.agents.core.provider.ProviderPreset;
import io.failover.agents.operator.http.ApiResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads an outcome report body (SPEC section 6). Only {@code result} is required; every other field
 * is checked for type and range, and the first one at fault is named. Unknown fields are ignored so
 * that newer agents can talk to older operators.
 */
public final class OutcomeRequestParser {
  static final int MAX_TEXT = 4096;
  static final int MAX_ID = 256;
  /** The longest RFC 3339 date-time: nanoseconds and an offset. */
  static final int MAX_TIME = 64;
  /** SPEC section 12: retry-after and token counts are integers in 0..10^9. */
  static final long MAX_COUNT = 1_000_000_000L;
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private OutcomeRequestParser() {}

  /** The report, or the 400 answer naming what is wrong with it. */
  public record Parsed(Optional<Report> report, Optional<ApiResponse> error) {
    static Parsed invalid(String field, String message) {
      return new Parsed(Optional.empty(), Optional.of(ApiResponse.fieldError(400, field, message)));
    }
  }

  private static final class Invalid extends Exception {
    final String field;

    Invalid(String field, String message) {
      super(message, null, false, false);
      this.field = field;
    }
  }

  static Parsed parse(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException malformed) {
      return new Parsed(Optional.empty(), Optional.of(ApiResponse.error(400,
          "invalid JSON: " + malformed.getOriginalMessage())));
    } catch (IOException unreadable) {
      return new Parsed(Optional.empty(), Optional.of(ApiResponse.error(400, "invalid JSON")));
    }
    if (root == null || !root.isObject()) {
      return new Parsed(Optional.empty(), Optional.of(ApiResponse.error(400, "the body must be a JSON object")));
    }
    try {
      return new Parsed(Optional.of(report(root)), Optional.empty());
    } catch (Invalid invalid) {
      return Parsed.invalid(invalid.field, invalid.getMessage());
    }
  }

  private static Report report(JsonNode root) throws Invalid {
    JsonNode result = root.get("result");
    if (result == null || result.isNull()) {
      throw new Invalid("result", "required");
    }
    if (!result.isTextual() || !(result.asText().equals("success") || result.asText().equals("error"))) {
      throw new Invalid("result", "must be \"success\" or \"error\"");
    }
    Optional<Long> httpStatus = integer(root, "httpStatus", 100, 599, "must be an integer from 100 to 599");
    Optional<String> provider = text(root, "provider", MAX_TEXT);
    if (provider.isPresent() && ProviderPreset.fromWireName(provider.get()).isEmpty()) {
      throw new Invalid("provider", "must be one of " + ProviderPreset.wireNames());
    }
    return new Report(
        id(root),
        result.asText().equals("success"),
        httpStatus.map(Long::intValue),
        text(root, "errorType", MAX_TEXT),
        text(root, "errorCode", MAX_TEXT),
        text(root, "message", MAX_TEXT),
        count(root, "retryAfterSeconds"),
        integer(root, "tier", 1, 3, "must be an integer from 1 to 3").map(Long::intValue),
        provider,
        count(root, "inputTokens").orElse(0L),
        count(root, "outputTokens").orElse(0L),
        resetAt(root));
  }

  /**
   * When the provider said its limit resets (SPEC section 10): an RFC 3339 date-time with an offset.
   * One far ahead is accepted and capped by the policy, not refused (SPEC section 12).
   */
  private static Optional<Instant> resetAt(JsonNode root) throws Invalid {
    Optional<String> text = text(root, "resetAt", MAX_TIME);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text.get(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
    } catch (DateTimeParseException notRfc3339) {
      throw new Invalid("resetAt", "must be an RFC 3339 date-time such as 2026-12-01T10:15:00Z");
    }
  }

  private static Optional<Long> count(JsonNode root, String field) throws Invalid {
    return integer(root, field, 0, MAX_COUNT, "must be an integer from 0 to " + MAX_COUNT);
  }

  /**
   * The idempotency id: 1..256 characters of valid UTF-16, so valid UTF-8 once stored (a lone
   * surrogate would be stored as '?' and two different ids would collide).
   */
  private static Optional<String> id(JsonNode root) throws Invalid {
    Optional<String> id = text(root, "id", MAX_ID);
    if (id.isEmpty()) {
      return id;
    }
    String value = id.get();
    if (value.isEmpty()) {
      throw new Invalid("id", "must not be empty");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new Invalid("id", "must be valid UTF-8 (it holds a lone surrogate)");
      }
    }
    return id;
  }

  private static Optional<String> text(JsonNode root, String field, int maxLength) throws Invalid {
    JsonNode value = root.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw new Invalid(field, "must be a string");
    }
    if (value.asText().length() > maxLength) {
      throw new Invalid(field, "must be at most " + maxLength + " characters");
    }
    return Optional.of(value.asText());
  }

  private static Optional<Long> integer(JsonNode root, String field, long min, long max, String range) throws Invalid {
    JsonNode value = root.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new Invalid(field, "must be an integer");
    }
    long number = value.asLong();
    if (number < min || number > max) {
      throw new Invalid(field, range);
    }
    return Optional.of(number);
  }
}
