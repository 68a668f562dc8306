package io.failover.agents.core;

/** An Agent's namespace and name. */
public record AgentRef(String namespace, String name) {
  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
