package io.failover.agents.access;

import java.util.List;

/** A user as the cluster knows them: the name and groups a TokenReview answered for a token. */
public record User(String name, List<String> groups) {
  public User {
    groups = List.copyOf(groups);
  }
}
