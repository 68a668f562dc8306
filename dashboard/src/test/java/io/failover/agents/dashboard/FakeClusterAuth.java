package io.failover.agents.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.Map;
import java.util.Set;

/**
 * TokenReview and SubjectAccessReview answers for tests, as an API server with two users would give
 * them: alice may do everything, bob may only read (get, list, watch), carol may do nothing.
 */
final class FakeClusterAuth {
  static final String ALICE = "alice-token";
  static final String BOB = "bob-token";
  static final String CAROL = "carol-token";
  private static final Map<String, String> USERS = Map.of(ALICE, "alice", BOB, "bob", CAROL, "carol");
  private static final Set<String> READ_VERBS = Set.of("get", "list", "watch");
  private static final ObjectMapper JSON = new ObjectMapper();

  private FakeClusterAuth() {}

  static void install(KubernetesMockServer server) {
    server.expect().post().withPath("/apis/authentication.k8s.io/v1/tokenreviews")
        .andReply(201, request -> tokenReview(read(request.getUtf8Body()))).always();
    server.expect().post().withPath("/apis/authorization.k8s.io/v1/subjectaccessreviews")
        .andReply(201, request -> accessReview(read(request.getUtf8Body()))).always();
  }

  private static JsonNode tokenReview(JsonNode review) {
    String user = USERS.get(review.path("spec").path("token").asText());
    ObjectNode status = ((ObjectNode) review).putObject("status");
    status.put("authenticated", user != null);
    if (user != null) {
      status.putObject("user").put("username", user).putArray("groups").add("system:authenticated");
    }
    return review;
  }

  private static JsonNode accessReview(JsonNode review) {
    String user = review.path("spec").path("user").asText();
    String verb = review.path("spec").path("resourceAttributes").path("verb").asText();
    boolean allowed = user.equals("alice") || (user.equals("bob") && READ_VERBS.contains(verb));
    ((ObjectNode) review).putObject("status").put("allowed", allowed);
    return review;
  }

  private static JsonNode read(String body) {
    try {
      return JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
