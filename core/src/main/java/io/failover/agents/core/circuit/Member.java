package io.failover.agents.core.circuit;

/** Where an agent of the type stands, as its status says: all a circuit needs to know of its canary. */
public record Member(int tier, boolean paused) {}
