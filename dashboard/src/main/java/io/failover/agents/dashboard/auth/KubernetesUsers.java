package io.failover.agents.dashboard.auth;

import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.failover.agents.api.AgentType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Asks the cluster who a token belongs to (TokenReview) and what that user may do
 * (SubjectAccessReview), each answer kept for a short while so that a page full of requests does
 * not become a storm of reviews.
 */
public final class KubernetesUsers {
  static final Duration TOKEN_TTL = Duration.ofMinutes(1);
  static final Duration ACCESS_TTL = Duration.ofSeconds(30);
  private static final int MAX_ENTRIES = 10_000;

  /** A user as the cluster knows them. */
  public record User(String name, List<String> groups) {}

  private record Timed<T>(T value, Instant expires) {}

  private final KubernetesClient client;
  private final Clock clock;
  private final Map<String, Timed<Optional<User>>> tokens = new ConcurrentHashMap<>();
  private final Map<String, Timed<Boolean>> decisions = new ConcurrentHashMap<>();

  public KubernetesUsers(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  public Optional<User> authenticate(String token) {
    return cached(tokens, sha256(token), () -> {
      TokenReview review = client.authentication().v1().tokenReviews().create(new TokenReviewBuilder()
          .withNewSpec().withToken(token).endSpec().build());
      if (review.getStatus() == null || !Boolean.TRUE.equals(review.getStatus().getAuthenticated())
          || review.getStatus().getUser() == null) {
        return Optional.empty();
      }
      return Optional.of(new User(review.getStatus().getUser().getUsername(),
          review.getStatus().getUser().getGroups() == null ? List.of() : review.getStatus().getUser().getGroups()));
    }, TOKEN_TTL);
  }

  /** @param namespace empty for a cluster-wide question */
  public boolean allowed(Caller caller, String verb, String resource, String namespace, String name) {
    return allowed(caller, AgentType.GROUP, verb, resource, namespace, name);
  }

  /** @param group the API group of the resource ("" for the core group, e.g. events) */
  public boolean allowed(Caller caller, String group, String verb, String resource, String namespace, String name) {
    String key = String.join("|", caller.user(), String.join(",", caller.groups()), group, verb, resource,
        namespace == null ? "" : namespace, name == null ? "" : name);
    return cached(decisions, key, () -> {
      SubjectAccessReview review = client.authorization().v1().subjectAccessReview().create(new SubjectAccessReviewBuilder()
          .withNewSpec()
          .withUser(caller.user())
          .withGroups(caller.groups())
          .withResourceAttributes(new ResourceAttributesBuilder()
              .withGroup(group)
              .withResource(resource)
              .withVerb(verb)
              .withNamespace(namespace)
              .withName(name)
              .build())
          .endSpec()
          .build());
      return review.getStatus() != null && Boolean.TRUE.equals(review.getStatus().getAllowed());
    }, ACCESS_TTL);
  }

  private <T> T cached(Map<String, Timed<T>> cache, String key, Supplier<T> ask, Duration ttl) {
    Instant now = clock.instant();
    Timed<T> known = cache.get(key);
    if (known != null && known.expires().isAfter(now)) {
      return known.value();
    }
    if (cache.size() > MAX_ENTRIES) {
      cache.clear();
    }
    T answer = ask.get();
    cache.put(key, new Timed<>(answer, now.plus(ttl)));
    return answer;
  }

  private static String sha256(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
