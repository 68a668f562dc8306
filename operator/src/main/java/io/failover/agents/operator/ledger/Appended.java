package io.failover.agents.operator.ledger;

/**
 * A committed outcome's sequence number.
 *
 * @param repeated the idempotency id was seen before for this agent; seq is the original one
 */
public record Appended(long seq, boolean repeated) {}
