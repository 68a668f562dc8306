package io.failover.agents.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Asks the cluster who a token belongs to (TokenReview) and what that user may do
 * (SubjectAccessReview), each answer kept for a short while so that a page full of requests does
 * not become a storm of reviews. Tokens are kept only as their SHA-256.
 */
public final class KubernetesUsers {
  static final Duration TOKEN_TTL = Duration.ofMinutes(1);
  static final Duration ACCESS_TTL = Duration.ofSeconds(30);
  private static final int MAX_ENTRIES = 10_000;

  /** One question to the authorizer; {@code namespace} and {@code name} null for cluster-wide ones. */
  private record Question(String user, List<String> groups, String group, String verb, String resource,
      String namespace, String name) {}

  private final KubernetesClient client;
  private final Cache<String, Optional<User>> tokens;
  private final Cache<Question, Boolean> decisions;

  public KubernetesUsers(KubernetesClient client, Clock clock) {
    this.client = client;
    Ticker ticker = () -> clock.millis() * 1_000_000L;
    this.tokens = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterWrite(TOKEN_TTL).ticker(ticker).build();
    this.decisions = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterWrite(ACCESS_TTL).ticker(ticker).build();
  }

  /** The user behind a bearer token, if the cluster accepts it. */
  public Optional<User> authenticate(String token) {
    return tokens.get(sha256(token), key -> {
      TokenReview review = client.authentication().v1().tokenReviews().create(new TokenReviewBuilder()
          .withNewSpec().withToken(token).endSpec().build());
      if (review.getStatus() == null || !Boolean.TRUE.equals(review.getStatus().getAuthenticated())
          || review.getStatus().getUser() == null) {
        return Optional.empty();
      }
      return Optional.of(new User(review.getStatus().getUser().getUsername(),
          review.getStatus().getUser().getGroups() == null ? List.of() : review.getStatus().getUser().getGroups()));
    });
  }

  /**
   * Whether the user may {@code verb} the resource.
   *
   * @param group the API group of the resource ("" for the core group, e.g. events)
   * @param namespace null for a cluster-wide question
   * @param name null for any object of the resource
   */
  public boolean allowed(User user, String group, String verb, String resource, String namespace, String name) {
    Question question = new Question(user.name(), user.groups(), group, verb, resource, namespace, name);
    return decisions.get(question, asked -> {
      SubjectAccessReview review = client.authorization().v1().subjectAccessReview().create(new SubjectAccessReviewBuilder()
          .withNewSpec()
          .withUser(asked.user())
          .withGroups(asked.groups())
          .withResourceAttributes(new ResourceAttributesBuilder()
              .withGroup(asked.group())
              .withResource(asked.resource())
              .withVerb(asked.verb())
              .withNamespace(asked.namespace())
              .withName(asked.name())
              .build())
          .endSpec()
          .build());
      return review.getStatus() != null && Boolean.TRUE.equals(review.getStatus().getAllowed());
    });
  }

  private static String sha256(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
