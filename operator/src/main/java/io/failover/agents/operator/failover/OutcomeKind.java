package io.failover.agents.operator.failover;

import java.util.Arrays;
import java.util.Optional;

/** What a finished task tells the operator, after classification (SPEC section 4). */
public enum OutcomeKind {
  SUCCESS("success"),
  AUTH("auth"),
  QUOTA("quota"),
  RATE_LIMIT("rateLimit"),
  SERVER_ERROR("serverError"),
  TOKEN_BUDGET("tokenBudget"),
  OTHER("other");

  private final String wireName;

  OutcomeKind(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in manifests, status, the ledger and the HTTP API. */
  public String wireName() {
    return wireName;
  }

  public static Optional<OutcomeKind> fromWireName(String name) {
    return Arrays.stream(values()).filter(kind -> kind.wireName.equals(name)).findFirst();
  }

  /** The kinds a policy can list as triggers. */
  public boolean canTrigger() {
    return this != SUCCESS && this != OTHER;
  }
}
