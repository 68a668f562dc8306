package io.failover.agents.dashboard.http;

/** The property that turns this module's routes on in a Micronaut context. */
public final class Role {
  public static final String PROPERTY = "agent-failover.role";
  public static final String DASHBOARD = "dashboard";

  private Role() {}
}
