package io.failover.agents.operator.ledger;

import io.failover.agents.core.outcome.OutcomeKind;
import java.time.Instant;
import java.util.Optional;

/**
 * A report to append, already classified.
 *
 * @param usageProvider the provider its tokens count for (the one it names, else its tier's, else
 *     the agent's current provider)
 */
public record NewOutcome(
    Instant time,
    String namespace,
    String agent,
    String agentUid,
    String agentType,
    Optional<Integer> tier,
    Optional<String> provider,
    boolean success,
    OutcomeKind kind,
    Optional<Integer> httpStatus,
    Optional<String> errorType,
    Optional<String> errorCode,
    Optional<Long> retryAfterSeconds,
    long inputTokens,
    long outputTokens,
    Optional<String> idempotencyId,
    String usageProvider) {

  public long tokens() {
    return inputTokens + outputTokens;
  }
}
