package io.failover.agents.dashboard.auth;

/** How the dashboard knows its users: Kubernetes tokens, or nobody at all (the loopback demo). */
public enum AuthMode {
  NONE,
  KUBERNETES
}
