package io.failover.agents.operator.ledger;

import java.time.Instant;

/**
 * A steering request whose actor the operator verified (TokenReview) before setting its annotation.
 *
 * @param id the annotation's value, random and unguessable
 * @param annotation e.g. {@code agents.failover.io/pause}
 */
public record SteeringRequest(String id, Instant time, String namespace, String agent, String annotation, String actor) {}
