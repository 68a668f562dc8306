package io.failover.agents.core.outcome;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

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

  private static final Map<String, OutcomeKind> BY_WIRE_NAME = Arrays.stream(values())
      .collect(Collectors.toUnmodifiableMap(OutcomeKind::wireName, kind -> kind));

  public static Optional<OutcomeKind> fromWireName(String name) {
    return name == null ? Optional.empty() : Optional.ofNullable(BY_WIRE_NAME.get(name));
  }

  /** The kinds a policy can list as triggers. */
  public boolean canTrigger() {
    return this != SUCCESS && this != OTHER;
  }
}
