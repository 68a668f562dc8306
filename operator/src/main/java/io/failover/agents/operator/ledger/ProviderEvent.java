package io.failover.agents.operator.ledger;

import java.time.Instant;
import java.util.Optional;

/** One state change in the ledger's history. {@code seq} is 0 until stored. */
public record ProviderEvent(
    long seq,
    Instant time,
    String namespace,
    String agent,
    String agentType,
    String event,
    int fromTier,
    int toTier,
    Optional<String> kind,
    String actor,
    String message) {}
