package io.failover.agents.operator.server;

import static io.failover.agents.operator.testing.RunningOperator.NS;
import static io.failover.agents.operator.testing.RunningOperator.THREE_TIERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.failover.agents.access.AuthMode;
import io.failover.agents.api.Agent;
import io.failover.agents.api.AgentType;
import io.failover.agents.core.outcome.Report;
import io.failover.agents.operator.ledger.ProviderEvent;
import io.failover.agents.operator.testing.RunningOperator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SPEC section 11: the operator's read endpoints answer a Kubernetes user the cluster allows to get
 * the object, its action endpoints a user allowed to patch the Agent (checked with TokenReview and
 * SubjectAccessReview, permission before existence), and the ledger names as actor only a verified
 * identity or the field manager that set an annotation, never a free-text annotation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallerChecksTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dir;
  RunningOperator op;
  String base;

  @BeforeAll
  void start() {
    op = RunningOperator.with().auth(AuthMode.KUBERNETES).start(dir);
    reviewUsers();
    op.providerKeys();
    op.agentType("coder", THREE_TIERS);
    op.agent("coder-1", "coder");
    await().atMost(Duration.ofSeconds(10)).until(() -> op.env("coder-1").containsKey("FAILOVER_REPORT_TOKEN"));
    base = op.http();
  }

  @AfterAll
  void stop() {
    op.close();
  }

  /** alice may do everything, carol nothing; any other token is not accepted by the cluster. */
  private void reviewUsers() {
    op.cluster.server.expect().post().withPath("/apis/authentication.k8s.io/v1/tokenreviews").andReply(201, request -> {
      ObjectNode review = (ObjectNode) read(request.getUtf8Body());
      String token = review.at("/spec/token").asText();
      ObjectNode status = review.putObject("status");
      if (token.equals("alice-token") || token.equals("carol-token")) {
        status.put("authenticated", true).putObject("user").put("username", token.replace("-token", ""));
      } else {
        status.put("authenticated", false);
      }
      return review;
    }).always();
    op.cluster.server.expect().post().withPath("/apis/authorization.k8s.io/v1/subjectaccessreviews").andReply(201, request -> {
      ObjectNode review = (ObjectNode) read(request.getUtf8Body());
      review.putObject("status").put("allowed", review.at("/spec/user").asText().equals("alice"));
      return review;
    }).always();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/v1/namespaces/agents/agents/coder-1/provider-events",
      "/api/v1/namespaces/agents/agenttypes/coder/usage", "/api/v1/namespaces/agents/agenttypes/coder/usage-history"})
  void readsNeedATokenOfAUserAllowedToGetTheObject(String path) throws Exception {
    assertError(send("GET", path, null), 401);
    assertError(send("GET", path, "Bearer someone-elses"), 401);
    assertError(send("GET", path, "Bearer carol-token"), 403);
    assertThat(send("GET", path, "Bearer alice-token").statusCode()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/v1/namespaces/agents/agents/nobody/provider-events",
      "/api/v1/namespaces/agents/agenttypes/nothing/usage", "/api/v1/namespaces/agents/agents/nobody/pause",
      "/api/v1/namespaces/agents/agenttypes/nothing/close-circuits"})
  void permissionIsCheckedBeforeExistence(String path) throws Exception {
    String method = path.endsWith("/pause") || path.endsWith("/close-circuits") ? "POST" : "GET";
    assertError(send(method, path, "Bearer carol-token"), 403);
    assertError(send(method, path, "Bearer alice-token"), 404);
  }

  @Test
  void usageHistoryBucketsTheTypesTokensPerHourAndProvider() throws Exception {
    op.report("coder-1", Report.succeeded().withTokens(100, 20));
    op.report("coder-1", Report.succeeded().withTokens(5, 5).withProvider("deepseek"));

    JsonNode history = JSON.readTree(send("GET", "/api/v1/namespaces/agents/agenttypes/coder/usage-history?hours=3",
        "Bearer alice-token").body());

    assertThat(history.get("bucketSeconds").asInt()).isEqualTo(3600);
    assertThat(history.get("buckets")).hasSize(3);
    JsonNode current = history.get("buckets").get(2);
    assertThat(current.at("/tokens/anthropic").asLong()).isGreaterThanOrEqualTo(120);
    assertThat(current.at("/tokens/deepseek").asLong()).isGreaterThanOrEqualTo(10);
    assertThat(history.get("window").isNull()).isTrue();
    assertThat(history.get("windowResetsAt").isNull()).isTrue();
    assertError(send("GET", "/api/v1/namespaces/agents/agenttypes/coder/usage-history?hours=0", "Bearer alice-token"), 400);
    assertError(send("GET", "/api/v1/namespaces/agents/agenttypes/coder/usage-history?hours=169", "Bearer alice-token"), 400);
  }

  @Test
  void anActionThroughTheOperatorRecordsTheVerifiedUserAsTheActor() throws Exception {
    assertError(send("POST", "/api/v1/namespaces/agents/agents/coder-1/pause", null), 401);
    assertError(send("POST", "/api/v1/namespaces/agents/agents/coder-1/pause", "Bearer carol-token"), 403);

    HttpResponse<String> accepted = send("POST", "/api/v1/namespaces/agents/agents/coder-1/pause", "Bearer alice-token");

    assertThat(accepted.statusCode()).isEqualTo(202);
    assertThat(JSON.readTree(accepted.body()).get("annotation").asText()).isEqualTo(Agent.PAUSE_ANNOTATION);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(latestEvent())
        .satisfies(event -> {
          assertThat(event.event()).isEqualTo("Paused");
          assertThat(event.actor()).isEqualTo("alice");
        }));
    send("POST", "/api/v1/namespaces/agents/agents/coder-1/unpause", "Bearer alice-token");
    await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.FALSE.equals(op.get("coder-1").getStatus().getPaused()));
  }

  @Test
  void closingCircuitsThroughTheOperatorRecordsTheVerifiedUserAsTheActor() throws Exception {
    op.agentType("fleet", THREE_TIERS + "failover: {scope: Type}\n");
    op.agent("fleet-1", "fleet");
    await().atMost(Duration.ofSeconds(10)).until(() -> op.env("fleet-1").containsKey("FAILOVER_REPORT_TOKEN"));
    op.report("fleet-1", Report.failed(402).onTier(1));
    await().atMost(Duration.ofSeconds(10)).until(() -> "1".equals(fleetType().getStatus().getOpenTiers()));
    String path = "/api/v1/namespaces/agents/agenttypes/fleet/close-circuits";
    assertError(send("POST", path, null), 401);
    assertError(send("POST", path, "Bearer carol-token"), 403);

    HttpResponse<String> accepted = send("POST", path, "Bearer alice-token");

    assertThat(accepted.statusCode()).isEqualTo(202);
    assertThat(JSON.readTree(accepted.body()).get("annotation").asText()).isEqualTo(AgentType.CLOSE_CIRCUITS_ANNOTATION);
    await().atMost(Duration.ofSeconds(10)).until(() -> fleetType().getStatus().getOpenTiers() == null);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(op.ledger().events(NS, "", Optional.empty(), 10)
        .items()).anySatisfy(event -> {
          assertThat(event.event()).isEqualTo("CircuitClosed");
          assertThat(event.agentType()).isEqualTo("fleet");
          assertThat(event.actor()).isEqualTo("alice");
        }));
  }

  private AgentType fleetType() {
    return op.client.resources(AgentType.class).inNamespace(NS).withName("fleet").get();
  }

  @Test
  void aFreeTextActorOrACopiedRequestIdIsNotTakenAtItsWord() {
    await().atMost(Duration.ofSeconds(10)).until(() -> !Boolean.TRUE.equals(op.get("coder-1").getStatus().getPaused()));
    // what a real API server records for `kubectl annotate`: its field manager owns the annotation
    op.client.resources(Agent.class).inNamespace(NS).withName("coder-1").edit(agent -> {
      agent.getMetadata().getAnnotations().put(Agent.PAUSE_ANNOTATION, "request-not-one-the-operator-made");
      agent.getMetadata().getAnnotations().put(Agent.ACTOR_ANNOTATION, "mallory");
      agent.getMetadata().setManagedFields(List.of(new ManagedFieldsEntryBuilder().withManager("kubectl-annotate")
          .withOperation("Update").withApiVersion("agents.failover.io/v1alpha1").withFieldsType("FieldsV1")
          .withFieldsV1(fields(Map.of("f:metadata", Map.of("f:annotations", Map.of(
              "f:" + Agent.PAUSE_ANNOTATION, Map.of(), "f:" + Agent.ACTOR_ANNOTATION, Map.of())))))
          .build()));
      return agent;
    });

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(latestEvent()).satisfies(event -> {
      assertThat(event.event()).isEqualTo("Paused");
      assertThat(event.actor()).isEqualTo("kubectl-annotate");
    }));
    op.annotate("coder-1", Agent.UNPAUSE_ANNOTATION, "now");
    await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.FALSE.equals(op.get("coder-1").getStatus().getPaused()));
  }

  @Test
  void aDeclarativePauseIsAttributedToItsFieldManagerAndTheActionApiWillNotUnpauseIt() throws Exception {
    op.agent("held-1", "coder");
    await().atMost(Duration.ofSeconds(10)).until(() -> op.get("held-1").getStatus() != null);
    // what a real API server records when a GitOps tool sets spec.paused
    op.client.resources(Agent.class).inNamespace(NS).withName("held-1").edit(agent -> {
      agent.getSpec().setPaused(true);
      agent.getMetadata().setManagedFields(List.of(new ManagedFieldsEntryBuilder().withManager("argocd-controller")
          .withOperation("Update").withApiVersion("agents.failover.io/v1alpha1").withFieldsType("FieldsV1")
          .withFieldsV1(fields(Map.of("f:spec", Map.of("f:paused", Map.of())))).build()));
      return agent;
    });
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(op.ledger().events(NS, "held-1", Optional.empty(), 1)
        .items()).singleElement().satisfies(event -> {
          assertThat(event.event()).isEqualTo("Paused");
          assertThat(event.actor()).isEqualTo("argocd-controller");
        }));

    HttpResponse<String> refused = send("POST", "/api/v1/namespaces/agents/agents/held-1/unpause", "Bearer alice-token");

    assertError(refused, 409);
    assertThat(refused.body()).contains("spec.paused");
    assertThat(Optional.ofNullable(op.get("held-1").getMetadata().getAnnotations()).orElse(Map.of()))
        .doesNotContainKey(Agent.UNPAUSE_ANNOTATION);
  }

  private static FieldsV1 fields(Map<String, Object> owned) {
    FieldsV1 fields = new FieldsV1();
    owned.forEach(fields::setAdditionalProperty);
    return fields;
  }

  private ProviderEvent latestEvent() {
    return op.ledger().events(NS, "coder-1", Optional.empty(), 1).items().get(0);
  }

  private HttpResponse<String> send(String method, String path, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void assertError(HttpResponse<String> response, int code) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(code);
    JsonNode error = JSON.readTree(response.body());
    assertThat(error.get("code").asInt()).isEqualTo(code);
    assertThat(error.get("message").asText()).isNotBlank();
  }

  private static JsonNode read(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
