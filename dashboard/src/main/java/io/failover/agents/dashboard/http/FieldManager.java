package io.failover.agents.dashboard.http;

/** The name every write of the dashboard carries as its field manager (SPEC section 11). */
final class FieldManager {
  static final String NAME = "agent-failover-dashboard";

  private FieldManager() {}
}
