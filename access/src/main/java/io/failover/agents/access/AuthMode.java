package io.failover.agents.access;

/**
 * How a role knows who is asking: by Kubernetes bearer tokens (TokenReview and SubjectAccessReview),
 * or not at all (the loopback-only demo, where everyone is the anonymous user).
 */
public enum AuthMode {
  NONE,
  KUBERNETES
}
