package io.failover.agents.operator.ledger;

import java.time.Instant;

/** Input+output tokens one provider was reported for, within one hour, across an AgentType's agents. */
public record HourlyUsage(Instant hour, String provider, long tokens) {}
