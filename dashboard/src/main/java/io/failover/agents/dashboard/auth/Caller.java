package io.failover.agents.dashboard.auth;

import io.failover.agents.access.User;
import java.util.List;
import java.util.Optional;

/**
 * Who is asking: a Kubernetes user (with the token that proved it), or the anonymous demo user.
 *
 * @param session the cookie session the request came with, if it came with one
 */
public record Caller(String user, List<String> groups, Optional<String> token, Optional<Session> session) {
  public static final Caller ANONYMOUS = new Caller("anonymous", List.of(), Optional.empty(), Optional.empty());

  /** The user to ask the cluster's authorizer about. */
  public User asUser() {
    return new User(user, groups);
  }

  public boolean anonymous() {
    return token.isEmpty();
  }
}
