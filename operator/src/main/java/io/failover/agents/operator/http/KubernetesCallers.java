package io.failover.agents.operator.http;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.failover.agents.access.AuthMode;
import io.failover.agents.access.KubernetesUsers;
import io.failover.agents.access.User;
import io.failover.agents.api.AgentType;
import java.util.List;
import java.util.Optional;

/**
 * Who calls the operator's read and action endpoints, and whether they may (SPEC section 11): a
 * Kubernetes bearer token the cluster accepts (TokenReview), for a user the cluster allows the verb
 * on that object (SubjectAccessReview). Permission is checked before existence, so that a user
 * without rights learns nothing about which objects exist. With {@link AuthMode#NONE} (the loopback
 * demo) everyone is the anonymous user.
 */
public final class KubernetesCallers {
  public static final User ANONYMOUS = new User("anonymous", List.of());

  private final AuthMode mode;
  private final KubernetesUsers users;

  public KubernetesCallers(AuthMode mode, KubernetesUsers users) {
    this.mode = mode;
    this.users = users;
  }

  public AuthMode mode() {
    return mode;
  }

  /** The verified caller, or the answer refusing them. */
  public record Checked(Optional<User> user, Optional<ApiResponse> refusal) {
    static Checked refused(ApiResponse refusal) {
      return new Checked(Optional.empty(), Optional.of(refusal));
    }
  }

  /** @param resource a resource of the {@code agents.failover.io} group, e.g. {@code agents} */
  public Checked require(Optional<String> authorization, String verb, String resource, String namespace, String name) {
    if (mode == AuthMode.NONE) {
      return new Checked(Optional.of(ANONYMOUS), Optional.empty());
    }
    Optional<String> token = authorization.flatMap(BearerToken::of);
    if (token.isEmpty()) {
      return Checked.refused(ApiResponse.error(401, "Authorization: expected \"Bearer <Kubernetes token>\""));
    }
    try {
      Optional<User> user = users.authenticate(token.get());
      if (user.isEmpty()) {
        return Checked.refused(ApiResponse.error(401, "the bearer token was not accepted by the cluster"));
      }
      if (!users.allowed(user.get(), AgentType.GROUP, verb, resource, namespace, name)) {
        return Checked.refused(ApiResponse.error(403, user.get().name() + " may not " + verb + " " + resource + " "
            + namespace + "/" + name));
      }
      return new Checked(user, Optional.empty());
    } catch (KubernetesClientException unreachable) {
      return Checked.refused(ApiResponse.error(503, "the cluster could not be asked who is calling; try again shortly"));
    }
  }
}
