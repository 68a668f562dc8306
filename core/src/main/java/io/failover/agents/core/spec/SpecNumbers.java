package io.failover.agents.core.spec;

import java.math.BigDecimal;
import java.util.Optional;

/** Reads integers kept as {@link Number} in the spec, refusing fractions instead of truncating them. */
final class SpecNumbers {
  private SpecNumbers() {}

  static Optional<Long> wholeNumber(Number value) {
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      return Optional.of(value.longValue());
    }
    try {
      BigDecimal decimal = new BigDecimal(value.toString());
      return Optional.of(decimal.longValueExact());
    } catch (ArithmeticException | NumberFormatException notWhole) {
      return Optional.empty();
    }
  }
}
