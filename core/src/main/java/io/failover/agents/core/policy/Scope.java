package io.failover.agents.core.policy;

/** Who shares what is learnt about a provider: each agent on its own, or the agents of a type (SPEC section 10). */
public enum Scope {
  AGENT,
  TYPE
}
