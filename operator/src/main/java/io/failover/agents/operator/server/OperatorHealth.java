package io.failover.agents.operator.server;

import java.util.function.BooleanSupplier;

/** What the health endpoints ask: whether the process serves, and whether every informer has synced. */
public record OperatorHealth(BooleanSupplier live, BooleanSupplier ready) {}
