package io.failover.agents.operator.ledger;

import io.failover.agents.core.outcome.OutcomeKind;
import io.failover.agents.core.outcome.Report;
import java.time.Instant;

/**
 * A report to append, already classified, with where it came from.
 *
 * @param agentUid outcomes belong to an Agent's uid: a re-created Agent starts afresh
 * @param usageProvider the provider its tokens count for (the one it names, else its tier's, else
 *     the agent's current provider)
 */
public record NewOutcome(Instant time, String namespace, String agent, String agentUid, String agentType, Report report,
    OutcomeKind kind, String usageProvider) {}
