package io.failover.agents.app.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.failover.agents.access.AuthMode;
import io.failover.agents.api.AgentType;
import io.failover.agents.dashboard.DashboardRole;
import io.failover.agents.demo.kubectl.ResourcePath;
import io.failover.agents.operator.OperatorRole;
import io.failover.agents.operator.http.HttpLimits;
import io.failover.agents.operator.kubernetes.SecretValues;
import io.failover.agents.operator.ledger.Ledger;
import io.failover.agents.operator.owned.OwnedLabels;
import io.failover.agents.operator.testing.MockCluster;
import io.failover.agents.operator.testing.RunningOperator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart's RBAC is exactly what the code calls: the operator (with leader election on, holding
 * the chart's Lease) and the dashboard run every feature against the mock API with their own user
 * agents (their field managers, set as the launcher sets them: SPEC section 11), each request they
 * make becomes a (verb, group, resource) permission, and the chart's rules
 * for each role must grant all of them and nothing more. The operator's startup check of its Lease
 * rights (a SelfSubjectRulesReview) is answered from the chart's own rules, so a missing verb fails
 * the start as it would on a real cluster.
 */
class RbacMatchesCodeTest {
  static final String OPERATOR_AGENT = io.failover.agents.operator.kubernetes.FieldManager.NAME + "/";
  static final String DASHBOARD_AGENT = io.failover.agents.dashboard.http.FieldManager.NAME + "/";
  /** Kubernetes' default role system:basic-user grants it to every authenticated user; the chart need not. */
  static final String RULES_REVIEW = "create authorization.k8s.io/selfsubjectrulesreviews";
  /** Asked for by java-operator-sdk's check of the Lease rights before it starts, though renewing uses patch. */
  static final String LEASE_UPDATE_CHECKED_AT_START = "update coordination.k8s.io/leases";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void theChartGrantsEachRoleExactlyWhatItsCodeCalls() throws Exception {
    Set<String> operatorCalls;
    Set<String> dashboardCalls;
    List<JsonNode> chart = Chart.render(Map.of());
    AtomicBoolean leaseLost = new AtomicBoolean();
    try (MockCluster cluster = MockCluster.start()) {
      answerReviews(cluster);
      answerRulesReviews(cluster, rules(chart, ChartTest.OPERATOR + "-leader-election"));
      // the clients are configured as the launcher configures them
      try (KubernetesClient operatorClient = new KubernetesClientBuilder()
              .withConfig(io.failover.agents.operator.kubernetes.FieldManager.named(cluster.client.getConfiguration())).build();
          KubernetesClient dashboardClient = new KubernetesClientBuilder()
              .withConfig(io.failover.agents.dashboard.http.FieldManager.named(cluster.client.getConfiguration())).build();
          OperatorRole operator = OperatorRole.start(operatorClient, new OperatorRole.Settings("127.0.0.1", 0,
              dir.resolve("ledger.db"), Ledger.DEFAULT_RETENTION, Set.of(), "http://127.0.0.1:1", true, ChartTest.OPERATOR,
              Optional.of(Chart.NAMESPACE), "rbac", HttpLimits.DEFAULTS, AuthMode.KUBERNETES), Clock.systemUTC(), () -> leaseLost.set(true),
              Ledger::open)) {
        await().atMost(Duration.ofSeconds(30)).until(operator::ready);
        String acquired = lease(cluster.client).getSpec().getRenewTime().toString();
        try (DashboardRole dashboard = DashboardRole.start(dashboardClient, new DashboardRole.Settings("127.0.0.1", 0,
            "http://127.0.0.1:" + operator.port(), AuthMode.KUBERNETES, Set.of()), Clock.systemUTC())) {
          await().atMost(Duration.ofSeconds(10)).until(dashboard::ready);
          exerciseEverything(cluster.client, "http://127.0.0.1:" + operator.port(), "http://127.0.0.1:" + dashboard.port());
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> !acquired.equals(lease(cluster.client).getSpec().getRenewTime().toString()));
      }
      assertThat(lease(cluster.client).getSpec().getHolderIdentity()).as("the Lease is released at shutdown").isNullOrEmpty();
      assertThat(leaseLost).as("the Lease was never lost").isFalse();
      List<RecordedRequest> requests = drain(cluster);
      operatorCalls = calls(requests, OPERATOR_AGENT);
      operatorCalls.addAll(ownerFinalizerUpdates(cluster.client));
      dashboardCalls = calls(requests, DASHBOARD_AGENT);
    }
    assertThat(operatorCalls).contains(RULES_REVIEW, "get coordination.k8s.io/leases", "create coordination.k8s.io/leases",
        "patch coordination.k8s.io/leases");
    operatorCalls.remove(RULES_REVIEW);
    operatorCalls.add(LEASE_UPDATE_CHECKED_AT_START);
    Set<String> operatorGrants = grants(chart, ChartTest.OPERATOR, ChartTest.OPERATOR + "-leader-election");
    Set<String> dashboardGrants = grants(chart, ChartTest.DASHBOARD);

    assertThat(operatorGrants).as("the operator's RBAC grants every call it makes").containsAll(operatorCalls);
    assertThat(dashboardGrants).as("the dashboard's RBAC grants every call it makes").containsAll(dashboardCalls);
    Set<String> operatorUnused = new TreeSet<>(operatorGrants);
    operatorUnused.removeAll(operatorCalls);
    assertThat(operatorUnused).as("operator grants no call it never makes").isEmpty();
    Set<String> dashboardUnused = new TreeSet<>(dashboardGrants);
    dashboardUnused.removeAll(dashboardCalls);
    assertThat(dashboardUnused).as("dashboard grants no call it never makes").isEmpty();
  }

  /** Everything either role does: render, fail over, steer, edit, rotate, restore, record repeated Events. */
  private void exerciseEverything(KubernetesClient admin, String operatorUrl, String dashboardUrl) throws Exception {
    for (String key : new String[] {"anthropic-key", "deepseek-key"}) {
      admin.secrets().inNamespace(RunningOperator.NS).resource(new SecretBuilder()
          .withMetadata(new ObjectMetaBuilder().withName(key).withNamespace(RunningOperator.NS)
              .withLabels(Map.of(AgentType.CREDENTIALS_LABEL, "true")).build())
          .withData(Map.of("api-key", Base64.getEncoder().encodeToString("sk".getBytes()))).build()).create();
    }
    AgentType type = new AgentType();
    type.setMetadata(new ObjectMetaBuilder().withName("coder").withNamespace(RunningOperator.NS).build());
    type.setSpec(Serialization.unmarshal(RunningOperator.THREE_TIERS, io.failover.agents.api.AgentTypeSpec.class));
    admin.resource(type).create();
    io.failover.agents.api.Agent agent = new io.failover.agents.api.Agent();
    agent.setMetadata(new ObjectMetaBuilder().withName("coder-1").withNamespace(RunningOperator.NS).build());
    agent.setSpec(new io.failover.agents.api.AgentSpec());
    agent.getSpec().setType("coder");
    admin.resource(agent).create();
    await().atMost(Duration.ofSeconds(10)).until(() -> admin.secrets().inNamespace("agents").withName("coder-1-provider-env").get() != null);
    String token = SecretValues.of(admin.secrets().inNamespace("agents").withName("coder-1-provider-env").get(),
        "FAILOVER_REPORT_TOKEN").orElseThrow();
    HttpClient http = HttpClient.newHttpClient();
    send(http, "POST", operatorUrl + "/api/v1/namespaces/agents/agents/coder-1/outcomes", "Bearer " + token,
        "{\"result\":\"error\",\"httpStatus\":401}");
    await().atMost(Duration.ofSeconds(10)).until(() -> admin.resources(io.failover.agents.api.Agent.class).inNamespace("agents")
        .withName("coder-1").get().getStatus().getTier() == 2);
    for (String action : new String[] {"pause", "unpause", "pause", "unpause"}) {
      send(http, "POST", dashboardUrl + "/api/v1/namespaces/agents/agents/coder-1/" + action, "Bearer alice", null);
      String expected = action.equals("pause") ? "true" : "false";
      await().atMost(Duration.ofSeconds(10)).until(() -> expected.equals(String.valueOf(admin.resources(io.failover.agents.api.Agent.class)
          .inNamespace("agents").withName("coder-1").get().getStatus().getPaused())));
    }
    JsonNode loaded = JSON.readTree(send(http, "GET", dashboardUrl + "/api/v1/namespaces/agents/agenttypes/coder", "Bearer alice", null));
    ((ObjectNode) loaded.get("spec")).putObject("failover").put("cooldownSeconds", 60);
    send(http, "POST", dashboardUrl + "/api/v1/namespaces/agents/agenttypes/coder/validate", "Bearer alice",
        "{\"spec\":" + loaded.get("spec") + "}");
    send(http, "PUT", dashboardUrl + "/api/v1/namespaces/agents/agenttypes/coder", "Bearer alice",
        "{\"resourceVersion\":\"" + loaded.get("resourceVersion").asText() + "\",\"spec\":" + loaded.get("spec") + "}");
    send(http, "GET", dashboardUrl + "/api/v1/agents", "Bearer alice", null);
    send(http, "GET", dashboardUrl + "/api/v1/namespaces/agents/agents/coder-1/provider-events", "Bearer alice", null);
    send(http, "GET", dashboardUrl + "/api/v1/namespaces/agents/agents/coder-1/events", "Bearer alice", null);
    send(http, "GET", dashboardUrl + "/api/v1/namespaces/agents/agenttypes/coder/usage", "Bearer alice", null);
    // a Type-scoped fleet: one report opens tier 1's circuit and moves both agents; the circuits are closed by annotation
    AgentType fleet = new AgentType();
    fleet.setMetadata(new ObjectMetaBuilder().withName("fleet").withNamespace(RunningOperator.NS).build());
    fleet.setSpec(Serialization.unmarshal(RunningOperator.THREE_TIERS + "failover: {scope: Type}\n",
        io.failover.agents.api.AgentTypeSpec.class));
    admin.resource(fleet).create();
    for (String name : new String[] {"fleet-1", "fleet-2"}) {
      io.failover.agents.api.Agent member = new io.failover.agents.api.Agent();
      member.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(RunningOperator.NS).build());
      member.setSpec(new io.failover.agents.api.AgentSpec());
      member.getSpec().setType("fleet");
      admin.resource(member).create();
      await().atMost(Duration.ofSeconds(10)).until(() -> admin.secrets().inNamespace("agents").withName(name + "-provider-env").get() != null);
    }
    String fleetToken = SecretValues.of(admin.secrets().inNamespace("agents").withName("fleet-1-provider-env").get(),
        "FAILOVER_REPORT_TOKEN").orElseThrow();
    send(http, "POST", operatorUrl + "/api/v1/namespaces/agents/agents/fleet-1/outcomes", "Bearer " + fleetToken,
        "{\"result\":\"error\",\"httpStatus\":402}");
    for (String name : new String[] {"fleet-1", "fleet-2"}) {
      await().atMost(Duration.ofSeconds(10)).until(() -> admin.resources(io.failover.agents.api.Agent.class).inNamespace("agents")
          .withName(name).get().getStatus().getTier() == 2);
    }
    admin.resources(AgentType.class).inNamespace("agents").withName("fleet").edit(current -> {
      current.getMetadata().getAnnotations().put(AgentType.CLOSE_CIRCUITS_ANNOTATION, "now");
      return current;
    });
    await().atMost(Duration.ofSeconds(10)).until(() -> !admin.resources(AgentType.class).inNamespace("agents").withName("fleet")
        .get().getMetadata().getAnnotations().containsKey(AgentType.CLOSE_CIRCUITS_ANNOTATION));
    // a credentials Secret without the opt-in label: the operator reads it by name only to say so
    admin.secrets().inNamespace(RunningOperator.NS).resource(new SecretBuilder()
        .withMetadata(new ObjectMetaBuilder().withName("unlabelled-key").withNamespace(RunningOperator.NS).build())
        .withData(Map.of("api-key", Base64.getEncoder().encodeToString("sk".getBytes()))).build()).create();
    AgentType locked = new AgentType();
    locked.setMetadata(new ObjectMetaBuilder().withName("locked").withNamespace(RunningOperator.NS).build());
    locked.setSpec(Serialization.unmarshal(RunningOperator.THREE_TIERS.replace("anthropic-key", "unlabelled-key"),
        io.failover.agents.api.AgentTypeSpec.class));
    admin.resource(locked).create();
    io.failover.agents.api.Agent lockedAgent = new io.failover.agents.api.Agent();
    lockedAgent.setMetadata(new ObjectMetaBuilder().withName("locked-1").withNamespace(RunningOperator.NS).build());
    lockedAgent.setSpec(new io.failover.agents.api.AgentSpec());
    lockedAgent.getSpec().setType("locked");
    admin.resource(lockedAgent).create();
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      var status = admin.resources(io.failover.agents.api.Agent.class).inNamespace("agents").withName("locked-1").get().getStatus();
      return status != null && status.getConditions() != null && status.getConditions().stream()
          .anyMatch(c -> "CredentialsNotAllowed".equals(c.getReason()));
    });
    admin.secrets().inNamespace("agents").withName("anthropic-key").edit(secret -> {
      secret.setData(Map.of("api-key", Base64.getEncoder().encodeToString("sk-rotated".getBytes())));
      return secret;
    });
    admin.apps().deployments().inNamespace("agents").withName("coder-1").delete();
    await().atMost(Duration.ofSeconds(10)).until(() -> admin.apps().deployments().inNamespace("agents").withName("coder-1").get() != null);
    Thread.sleep(1_000);
  }

  private static String send(HttpClient http, String method, String url, String authorization, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s %s: %s", method, url, response.body()).isLessThan(300);
    return response.body();
  }

  /** The user alice may do everything; token reviews and access reviews answered as an API server would. */
  private static void answerReviews(MockCluster cluster) {
    cluster.server.expect().post().withPath("/apis/authentication.k8s.io/v1/tokenreviews").andReply(201, request -> {
      ObjectNode review = (ObjectNode) read(request.getUtf8Body());
      review.putObject("status").put("authenticated", true).putObject("user").put("username", "alice");
      return review;
    }).always();
    cluster.server.expect().post().withPath("/apis/authorization.k8s.io/v1/subjectaccessreviews").andReply(201, request -> {
      ObjectNode review = (ObjectNode) read(request.getUtf8Body());
      review.putObject("status").put("allowed", true);
      return review;
    }).always();
  }

  /** SelfSubjectRulesReviews answered with the given rules, as an API server answers for the chart's ServiceAccount. */
  private static void answerRulesReviews(MockCluster cluster, JsonNode rules) {
    cluster.server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews").andReply(201, request -> {
      ObjectNode review = (ObjectNode) read(request.getUtf8Body());
      ObjectNode status = review.putObject("status");
      status.set("resourceRules", rules);
      status.putArray("nonResourceRules");
      status.put("incomplete", false);
      return review;
    }).always();
  }

  /** The rules of the chart's Role of this name. */
  private static JsonNode rules(List<JsonNode> chart, String roleName) {
    return chart.stream().filter(o -> "Role".equals(o.path("kind").asText()))
        .filter(Chart.named(roleName)).findFirst().orElseThrow().get("rules");
  }

  private static Lease lease(KubernetesClient admin) {
    return admin.leases().inNamespace(Chart.NAMESPACE).withName(ChartTest.OPERATOR).get();
  }

  private static JsonNode read(String body) {
    try {
      return JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Each request a user agent made, as "verb group/resource[/subresource]". */
  private static List<RecordedRequest> drain(MockCluster cluster) throws InterruptedException {
    List<RecordedRequest> all = new java.util.ArrayList<>();
    RecordedRequest request;
    while ((request = cluster.server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
      all.add(request);
    }
    return all;
  }

  private static Set<String> calls(List<RecordedRequest> requests, String userAgent) {
    Set<String> calls = new TreeSet<>();
    for (RecordedRequest recorded : requests) {
      String agent = recorded.getHeader("User-Agent");
      if (agent == null || !agent.startsWith(userAgent)) {
        continue;
      }
      URI uri = URI.create(recorded.getPath());
      ResourcePath path = ResourcePath.parse(uri.getPath()).orElseThrow(() -> new AssertionError("not a resource path: " + uri));
      String resource = (path.group().isEmpty() ? "" : path.group()) + "/" + path.plural() + path.subresource().map(s -> "/" + s).orElse("");
      boolean watch = uri.getQuery() != null && uri.getQuery().contains("watch=true");
      String verb = switch (recorded.getMethod()) {
        case "GET" -> watch ? "watch" : path.name().isPresent() ? "get" : "list";
        case "POST" -> "create";
        case "PUT" -> "update";
        case "PATCH" -> "patch";
        case "DELETE" -> path.name().isPresent() ? "delete" : "deletecollection";
        default -> recorded.getMethod();
      };
      calls.add(verb + " " + resource);
    }
    return calls;
  }

  /**
   * Objects that carry blockOwnerDeletion on an owner reference need "update" on the owner's
   * finalizers subresource from whoever writes them, where the OwnerReferencesPermissionEnforcement
   * admission plugin runs. Read from what the operator stored (the recorded requests' bodies are
   * consumed by the mock by the time they are drained).
   */
  private static Set<String> ownerFinalizerUpdates(KubernetesClient admin) {
    List<HasMetadata> written = new java.util.ArrayList<>();
    written.addAll(admin.secrets().inAnyNamespace().withLabel(OwnedLabels.MANAGED_BY, OwnedLabels.MANAGED_BY_VALUE).list().getItems());
    written.addAll(admin.apps().deployments().inAnyNamespace().withLabel(OwnedLabels.MANAGED_BY, OwnedLabels.MANAGED_BY_VALUE)
        .list().getItems());
    assertThat(written).as("the exercise wrote owned objects").isNotEmpty();
    Set<String> needed = new TreeSet<>();
    for (HasMetadata object : written) {
      for (OwnerReference owner : object.getMetadata().getOwnerReferences()) {
        if (Boolean.TRUE.equals(owner.getBlockOwnerDeletion())) {
          String group = owner.getApiVersion().contains("/") ? owner.getApiVersion().split("/")[0] : "";
          // the owners here are the product's own kinds, whose plurals are the lower-case kind plus "s"
          needed.add("update " + group + "/" + owner.getKind().toLowerCase(Locale.ROOT) + "s/finalizers");
        }
      }
    }
    return needed;
  }

  /** What the chart's (Cluster)Roles of these names grant, as "verb group/resource". */
  private static Set<String> grants(List<JsonNode> chart, String... roleNames) {
    Set<String> names = Set.of(roleNames);
    Set<String> grants = new HashSet<>();
    for (JsonNode role : chart) {
      String kind = role.path("kind").asText();
      if ((kind.equals("ClusterRole") || kind.equals("Role")) && names.contains(role.at("/metadata/name").asText())) {
        for (JsonNode rule : role.get("rules")) {
          for (JsonNode group : rule.get("apiGroups")) {
            for (JsonNode resource : rule.get("resources")) {
              for (JsonNode verb : rule.get("verbs")) {
                grants.add(verb.asText() + " " + group.asText() + "/" + resource.asText());
              }
            }
          }
        }
      }
    }
    return grants;
  }
}
