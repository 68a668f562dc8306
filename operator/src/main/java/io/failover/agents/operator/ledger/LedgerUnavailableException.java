package io.failover.agents.operator.ledger;

/** The ledger cannot take a write right now (disk full, database locked, closed). Nothing was acknowledged. */
public class LedgerUnavailableException extends RuntimeException {
  public LedgerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
