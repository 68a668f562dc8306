package io.failover.agents.dashboard;

import static io.failover.agents.operator.testing.RunningOperator.NS;
import static io.failover.agents.operator.testing.RunningOperator.THREE_TIERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.failover.agents.access.AuthMode;
import io.failover.agents.api.Agent;
import io.failover.agents.api.AgentType;
import io.failover.agents.core.outcome.Report;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's JSON API over real HTTP, with Kubernetes authentication and authorization. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardApiTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Pattern IMPORT = Pattern.compile("^import\\s[^;]*?\\sfrom\\s+'\\./([\\w-]+\\.js)';", Pattern.MULTILINE);

  @TempDir static Path dir;
  RunningDashboard running;

  @BeforeAll
  void start() {
    running = RunningDashboard.start(dir, AuthMode.KUBERNETES);
    running.op.providerKeys();
    running.op.agentType("coder", THREE_TIERS);
    running.op.agent("coder-1", "coder");
    running.op.agent("coder-2", "coder");
    await().atMost(Duration.ofSeconds(10)).until(() -> running.op.get("coder-2").getStatus() != null
        && running.op.get("coder-1").getStatus() != null);
  }

  @AfterAll
  void stop() {
    running.close();
  }

  HttpResponse<String> send(HttpClient client, String method, String path, String token, String body,
      Map<String, String> headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(running.url + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    headers.forEach(request::header);
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
    return send(HttpClient.newHttpClient(), method, path, token, body, Map.of());
  }

  static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  @Test
  void agentsAreListedInTheSpecShapeForAnyoneWhoMayListThem() throws Exception {
    HttpResponse<String> response = send("GET", "/api/v1/agents", FakeClusterAuth.BOB, null);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode items = json(response).get("items");
    assertThat(items).extracting(item -> item.get("name").asText()).containsExactly("coder-1", "coder-2");
    JsonNode first = items.get(0);
    assertThat(first.get("namespace").asText()).isEqualTo(NS);
    assertThat(first.get("type").asText()).isEqualTo("coder");
    assertThat(first.get("chain")).extracting(tier -> tier.get("provider").asText())
        .containsExactly("anthropic", "deepseek", "ollama");
    assertThat(first.get("providerState").fieldNames()).toIterable().contains("tier", "provider", "model", "paused",
        "pausedReason", "cooldownUntil", "lastFailureKind");
    assertThat(first.get("providerState").get("tier").asInt()).isEqualTo(1);
  }

  @Test
  void noTokenIs401AndAnInvalidTokenToo() throws Exception {
    assertThat(send("GET", "/api/v1/agents", null, null).statusCode()).isEqualTo(401);
    HttpResponse<String> invalid = send("GET", "/api/v1/agents", "made-up", null);
    assertThat(invalid.statusCode()).isEqualTo(401);
    assertThat(json(invalid).get("code").asInt()).isEqualTo(401);
  }

  @Test
  void aUserWithoutPatchRightsCannotPauseAndNothingChanges() throws Exception {
    HttpResponse<String> refused = send("POST", "/api/v1/namespaces/agents/agents/coder-1/pause", FakeClusterAuth.BOB, null);

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(json(refused).get("message").asText()).contains("bob may not patch agents");
    assertThat(running.op.get("coder-1").getMetadata().getAnnotations()).doesNotContainKey(Agent.PAUSE_ANNOTATION);
  }

  @Test
  void pauseAndUnpauseAnnotateTheAgentAndTheOperatorRecordsTheUser() throws Exception {
    HttpResponse<String> paused = send("POST", "/api/v1/namespaces/agents/agents/coder-2/pause", FakeClusterAuth.ALICE, null);

    assertThat(paused.statusCode()).isEqualTo(202);
    assertThat(json(paused).get("annotation").asText()).isEqualTo(Agent.PAUSE_ANNOTATION);
    await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.TRUE.equals(running.op.get("coder-2").getStatus().getPaused()));
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
        json(send("GET", "/api/v1/namespaces/agents/agents/coder-2/provider-events", FakeClusterAuth.ALICE, null))
            .get("items").get(0).get("actor").asText()).isEqualTo("alice"));

    assertThat(send("POST", "/api/v1/namespaces/agents/agents/coder-2/unpause", FakeClusterAuth.ALICE, null).statusCode())
        .isEqualTo(202);
    await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.FALSE.equals(running.op.get("coder-2").getStatus().getPaused()));
  }

  @Test
  void anUnknownAgentIs404ForAUserWhoMaySeeAgents() throws Exception {
    assertThat(send("POST", "/api/v1/namespaces/agents/agents/nobody/reset-tier", FakeClusterAuth.ALICE, null).statusCode())
        .isEqualTo(404);
    assertThat(send("GET", "/api/v1/namespaces/agents/agents/nobody/provider-events", FakeClusterAuth.ALICE, null)
        .statusCode()).isEqualTo(404);
  }

  @Test
  void aSessionNeedsItsCsrfTokenForWrites() throws Exception {
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    HttpResponse<String> signedIn = send(browser, "POST", "/api/v1/session", null,
        "{\"token\":\"" + FakeClusterAuth.ALICE + "\"}", Map.of());
    assertThat(signedIn.statusCode()).isEqualTo(200);
    assertThat(signedIn.headers().firstValue("Set-Cookie")).hasValueSatisfying(cookie ->
        assertThat(cookie).contains("af_session=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict"));
    String csrf = json(signedIn).get("csrfToken").asText();
    assertThat(json(send(browser, "GET", "/api/v1/session", null, null, Map.of())).get("user").asText()).isEqualTo("alice");

    String path = "/api/v1/namespaces/agents/agents/coder-1/reset-tier";
    assertThat(send(browser, "POST", path, null, null, Map.of()).statusCode()).isEqualTo(403);
    assertThat(send(browser, "POST", path, null, null, Map.of("X-CSRF-Token", "forged")).statusCode()).isEqualTo(403);
    assertThat(send(browser, "POST", path, null, null, Map.of("X-CSRF-Token", csrf)).statusCode()).isEqualTo(202);
  }

  @Test
  void aRejectedSignInIs401() throws Exception {
    assertThat(send("POST", "/api/v1/session", null, "{\"token\":\"nope\"}").statusCode()).isEqualTo(401);
    assertThat(json(send("POST", "/api/v1/session", null, "{}")).get("field").asText()).isEqualTo("token");
  }

  @Test
  void theEditorValidatesWithTheOperatorsRulesAndChecksSecretsAsTheUser() throws Exception {
    JsonNode loaded = json(send("GET", "/api/v1/namespaces/agents/agenttypes/coder", FakeClusterAuth.BOB, null));
    ObjectNodeEdit spec = new ObjectNodeEdit(loaded.get("spec"));
    spec.set("/providerChain/1/model", "");
    spec.set("/providerChain/0/credentialsSecretRef/name", "no-such-secret");

    JsonNode answer = json(send("POST", "/api/v1/namespaces/agents/agenttypes/coder/validate", FakeClusterAuth.ALICE,
        "{\"spec\":" + spec + "}"));

    assertThat(answer.get("problems")).extracting(p -> p.get("path").asText() + ": " + p.get("message").asText())
        .containsExactlyInAnyOrder(
            "spec.providerChain[1].model: must not be empty",
            "spec.providerChain[0].credentialsSecretRef.name: Secret agents/no-such-secret does not exist");
  }

  @Test
  void savingNeedsUpdateRightsAndTheVersionTheUserLoaded() throws Exception {
    JsonNode loaded = json(send("GET", "/api/v1/namespaces/agents/agenttypes/coder", FakeClusterAuth.ALICE, null));
    ObjectNodeEdit spec = new ObjectNodeEdit(loaded.get("spec"));
    spec.set("/failover", JSON.readTree("{\"cooldownSeconds\": 60}"));
    String body = "{\"resourceVersion\":\"" + loaded.get("resourceVersion").asText() + "\",\"spec\":" + spec + "}";

    assertThat(send("PUT", "/api/v1/namespaces/agents/agenttypes/coder", FakeClusterAuth.BOB, body).statusCode())
        .isEqualTo(403);
    HttpResponse<String> saved = send("PUT", "/api/v1/namespaces/agents/agenttypes/coder", FakeClusterAuth.ALICE, body);
    assertThat(saved.statusCode()).isEqualTo(200);
    assertThat(running.op.client.resources(io.failover.agents.api.AgentType.class).inNamespace(NS).withName("coder").get()
        .getSpec().getFailover().getCooldownSeconds().longValue()).isEqualTo(60);
    HttpResponse<String> stale = send("PUT", "/api/v1/namespaces/agents/agenttypes/coder", FakeClusterAuth.ALICE, body);
    assertThat(stale.statusCode()).isEqualTo(409);
    assertThat(json(stale).get("message").asText()).isEqualTo("Someone else changed this AgentType since you opened it.");
  }

  @Test
  void savingWithTheGenerationConflictsOnlyWithAChangeOfTheSpecNotWithAStatusWrite() throws Exception {
    JsonNode loaded = json(send("GET", "/api/v1/namespaces/agents/agenttypes/coder", FakeClusterAuth.ALICE, null));
    long generation = loaded.get("generation").asLong();
    running.op.client.resources(io.failover.agents.api.AgentType.class).inNamespace(NS).withName("coder").editStatus(type -> {
      type.getStatus().setWarnings(List.of("a status write, as the operator makes after every save"));
      return type;
    });
    await().atMost(Duration.ofSeconds(5)).until(() -> !json(send("GET", "/api/v1/namespaces/agents/agenttypes/coder",
        FakeClusterAuth.ALICE, null)).get("resourceVersion").asText().equals(loaded.get("resourceVersion").asText()));
    ObjectNodeEdit spec = new ObjectNodeEdit(loaded.get("spec"));
    spec.set("/failover", JSON.readTree("{\"cooldownSeconds\": 70}"));

    HttpResponse<String> saved = send("PUT", "/api/v1/namespaces/agents/agenttypes/coder", FakeClusterAuth.ALICE,
        "{\"generation\":" + generation + ",\"spec\":" + spec + "}");

    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    assertThat(json(saved).get("generation").asLong()).isEqualTo(generation + 1);
    HttpResponse<String> again = send("PUT", "/api/v1/namespaces/agents/agenttypes/coder", FakeClusterAuth.ALICE,
        "{\"generation\":" + generation + ",\"spec\":" + spec + "}");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(json(again).get("message").asText()).isEqualTo("Someone else changed this AgentType's spec since you opened it.");
  }

  @Test
  void savingAnInvalidSpecIs422NamingTheFieldWhateverTheApiServerWouldAdmit() throws Exception {
    JsonNode loaded = json(send("GET", "/api/v1/namespaces/agents/agenttypes/coder", FakeClusterAuth.ALICE, null));
    long before = loaded.get("generation").asLong();
    String body = "{\"generation\":" + loaded.get("generation").asLong()
        + ",\"spec\":{\"providerChain\":[{\"provider\":\"anthropic\",\"model\":\"\","
        + "\"credentialsSecretRef\":{\"name\":\"anthropic-key\",\"key\":\"api-key\"}}]}}";

    HttpResponse<String> refused = send("PUT", "/api/v1/namespaces/agents/agenttypes/coder", FakeClusterAuth.ALICE, body);

    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(json(refused).get("field").asText()).isEqualTo("spec.providerChain[0].model");
    assertThat(json(refused).get("message").asText()).contains("spec.providerChain[0].model: must not be empty")
        .contains("spec.template");
    assertThat(running.op.client.resources(io.failover.agents.api.AgentType.class).inNamespace(NS).withName("coder").get()
        .getMetadata().getGeneration()).as("nothing written").isEqualTo(before);
  }

  @Test
  void everyWriteNamesItsWriterAsTheFieldManager() throws Exception {
    running.op.cluster.resetRequests();
    assertThat(send("POST", "/api/v1/namespaces/agents/agents/coder-1/reset-tier", FakeClusterAuth.ALICE, null).statusCode())
        .isEqualTo(202);
    JsonNode loaded = json(send("GET", "/api/v1/namespaces/agents/agenttypes/coder", FakeClusterAuth.ALICE, null));
    assertThat(send("PUT", "/api/v1/namespaces/agents/agenttypes/coder", FakeClusterAuth.ALICE,
        "{\"generation\":" + loaded.get("generation").asLong() + ",\"spec\":" + loaded.get("spec") + "}").statusCode())
        .isEqualTo(200);

    List<String> writes = running.op.cluster.writesSinceReset();
    assertThat(writes).as("the action goes through the operator, which sets the annotation").anySatisfy(write -> assertThat(write)
        .startsWith("PATCH /apis/agents.failover.io/v1alpha1/namespaces/agents/agents/coder-1")
        .contains("fieldManager=agent-failover-operator"));
    assertThat(writes).anySatisfy(write -> assertThat(write)
        .startsWith("PUT /apis/agents.failover.io/v1alpha1/namespaces/agents/agenttypes/coder")
        .contains("fieldManager=agent-failover-dashboard"));
  }

  @Test
  void closingCircuitsGoesThroughTheOperatorAsTheUser() throws Exception {
    HttpResponse<String> refused = send("POST", "/api/v1/namespaces/agents/agenttypes/coder/close-circuits", FakeClusterAuth.BOB, null);
    HttpResponse<String> unknown = send("POST", "/api/v1/namespaces/agents/agenttypes/nosuchtype/close-circuits",
        FakeClusterAuth.ALICE, null);
    HttpResponse<String> accepted = send("POST", "/api/v1/namespaces/agents/agenttypes/coder/close-circuits",
        FakeClusterAuth.ALICE, null);

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(accepted.statusCode()).isEqualTo(202);
    assertThat(json(accepted).get("annotation").asText()).isEqualTo(AgentType.CLOSE_CIRCUITS_ANNOTATION);
    assertThat(running.op.cluster.writesSinceReset()).as("the operator, not the dashboard, sets the annotation").anySatisfy(write -> assertThat(write)
        .startsWith("PATCH /apis/agents.failover.io/v1alpha1/namespaces/agents/agenttypes/coder")
        .contains("fieldManager=agent-failover-operator"));
  }

  @Test
  void aUserWithoutRightsGets403WhetherTheAgentExistsOrNot() throws Exception {
    for (String agent : List.of("coder-1", "nobody")) {
      for (String[] call : List.of(
          new String[] {"POST", "/api/v1/namespaces/agents/agents/" + agent + "/pause"},
          new String[] {"POST", "/api/v1/namespaces/agents/agents/" + agent + "/reset-tier"},
          new String[] {"GET", "/api/v1/namespaces/agents/agents/" + agent},
          new String[] {"GET", "/api/v1/namespaces/agents/agents/" + agent + "/events"},
          new String[] {"GET", "/api/v1/namespaces/agents/agents/" + agent + "/provider-events"})) {
        assertThat(send(call[0], call[1], FakeClusterAuth.CAROL, null).statusCode()).as(call[0] + " " + call[1]).isEqualTo(403);
      }
    }
    for (String type : List.of("coder", "nosuchtype")) {
      for (String[] call : List.of(
          new String[] {"GET", "/api/v1/namespaces/agents/agenttypes/" + type},
          new String[] {"POST", "/api/v1/namespaces/agents/agenttypes/" + type + "/validate"},
          new String[] {"PUT", "/api/v1/namespaces/agents/agenttypes/" + type},
          new String[] {"GET", "/api/v1/namespaces/agents/agenttypes/" + type + "/usage"},
          new String[] {"GET", "/api/v1/namespaces/agents/agenttypes/" + type + "/usage-history"},
          new String[] {"POST", "/api/v1/namespaces/agents/agenttypes/" + type + "/close-circuits"})) {
        assertThat(send(call[0], call[1], FakeClusterAuth.CAROL, call[0].equals("GET") ? null : "{\"spec\":{}}").statusCode())
            .as(call[0] + " " + call[1]).isEqualTo(403);
      }
    }
    assertThat(json(send("GET", "/api/v1/agents", FakeClusterAuth.CAROL, null)).get("items")).isEmpty();
  }

  @Test
  void theAgentsOwnViewHasItsConditionsSwitchModeAndKubernetesEvents() throws Exception {
    running.op.report("coder-2", Report.failed(401).onTier(1));
    await().atMost(Duration.ofSeconds(10)).until(() -> running.op.get("coder-2").getStatus().getTier() == 2);

    JsonNode detail = json(send("GET", "/api/v1/namespaces/agents/agents/coder-2", FakeClusterAuth.BOB, null));
    assertThat(detail.get("item").get("name").asText()).isEqualTo("coder-2");
    assertThat(detail.get("switchMode").asText()).isEqualTo("Restart");
    assertThat(detail.get("conditions")).extracting(c -> c.get("type").asText()).contains("Ready", "Degraded", "Paused");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
        json(send("GET", "/api/v1/namespaces/agents/agents/coder-2/events", FakeClusterAuth.BOB, null)).get("items"))
        .extracting(e -> e.get("reason").asText()).contains("TierChanged"));
  }

  @Test
  void theStatusSaysWhetherTheOperatorAnswersInWordsWithoutNull() throws Exception {
    JsonNode up = json(send("GET", "/api/v1/status", FakeClusterAuth.BOB, null));
    assertThat(up.get("kubernetes").get("ok").asBoolean()).isTrue();
    assertThat(up.get("operator").get("ok").asBoolean()).isTrue();
    running.op.stopRole();
    try {
      HttpResponse<String> ledger = send("GET", "/api/v1/namespaces/agents/agents/coder-1/provider-events", FakeClusterAuth.BOB, null);
      assertThat(ledger.statusCode()).isEqualTo(503);
      assertThat(json(ledger).get("message").asText()).endsWith("cannot be reached (connection refused)");
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        JsonNode down = json(send("GET", "/api/v1/status", FakeClusterAuth.BOB, null));
        assertThat(down.get("operator").get("ok").asBoolean()).isFalse();
        assertThat(down.get("operator").get("message").asText()).contains("cannot be reached (connection refused)")
            .doesNotContain("null");
      });
    } finally {
      running.op.startRole();
    }
  }

  @Test
  void theLiveStreamSendsEveryAgentThenEachChange() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(running.url + "/api/v1/stream"))
        .header("Authorization", "Bearer " + FakeClusterAuth.BOB).build();
    HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      assertThat(readUntil(lines, "coder-2")).contains("event: agent");
      running.op.report("coder-1", Report.failed(401).onTier(1));
      String change = readUntil(lines, "\"tier\":2");
      assertThat(change).contains("\"name\":\"coder-1\"");
    }
  }

  @Test
  void everyAnswerCarriesAStrictContentSecurityPolicy() throws Exception {
    HttpResponse<String> page = send("GET", "/", null, null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
        assertThat(csp).contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'"));
    assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
  }

  @Test
  void everyModuleMainImportsIsServedAsJavaScriptAndNoOtherName() throws Exception {
    assertThat(send("GET", "/", null, null).body()).contains("<script type=\"module\" src=\"/js/main.js\"></script>");
    Set<String> served = new TreeSet<>();
    Map<String, List<String>> importsOf = new java.util.HashMap<>();
    Deque<String> pending = new ArrayDeque<>(List.of("main.js"));
    while (!pending.isEmpty()) {
      String module = pending.pop();
      if (!served.add(module)) {
        continue;
      }
      HttpResponse<String> script = send("GET", "/js/" + module, null, null);
      assertThat(script.statusCode()).as(module).isEqualTo(200);
      assertThat(script.headers().firstValue("Content-Type")).as(module)
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/javascript"));
      Matcher imports = IMPORT.matcher(script.body());
      List<String> names = new java.util.ArrayList<>();
      while (imports.find()) {
        pending.push(imports.group(1));
        names.add(imports.group(1));
      }
      importsOf.put(module, names);
    }
    assertThat(importCycle(importsOf, "main.js", new java.util.ArrayList<>())).as("an import cycle between the page's modules").isEmpty();
    Path modules = Path.of(DashboardApiTest.class.getResource("/public/js/main.js").toURI()).getParent();
    try (Stream<Path> files = Files.list(modules)) {
      assertThat(served).as("every module in the jar is imported").containsExactlyInAnyOrderElementsOf(
          files.map(file -> file.getFileName().toString()).toList());
    }

    for (String path : List.of("/js/unknown.js", "/js/main.mjs", "/js/..%2Findex.html", "/js/../index.html", "/js/")) {
      assertThat(send("GET", path, null, null).statusCode()).as(path).isEqualTo(404);
    }
  }

  @Test
  void budgetUsageIsPassedOnFromTheOperator() throws Exception {
    JsonNode usage = json(send("GET", "/api/v1/namespaces/agents/agenttypes/coder/usage", FakeClusterAuth.BOB, null));
    assertThat(usage.has("usedTokens")).isTrue();
    assertThat(usage.has("window")).isTrue();
  }

  /** The first import cycle reachable from the module, as the chain of modules, or empty. */
  private static List<String> importCycle(Map<String, List<String>> importsOf, String module, List<String> path) {
    if (path.contains(module)) {
      List<String> cycle = new java.util.ArrayList<>(path.subList(path.indexOf(module), path.size()));
      cycle.add(module);
      return cycle;
    }
    path.add(module);
    for (String imported : importsOf.getOrDefault(module, List.of())) {
      List<String> cycle = importCycle(importsOf, imported, path);
      if (!cycle.isEmpty()) {
        return cycle;
      }
    }
    path.remove(path.size() - 1);
    return List.of();
  }

  /** Reads lines until one contains the text, within ten seconds; returns the lines read. */
  private static String readUntil(BufferedReader lines, String text) throws Exception {
    StringBuilder seen = new StringBuilder();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    String line;
    while (System.nanoTime() < deadline && (line = lines.readLine()) != null) {
      seen.append(line).append('\n');
      if (line.contains(text)) {
        return seen.toString();
      }
    }
    throw new AssertionError("no line with " + text + " in:\n" + seen);
  }

  /** A small JSON Pointer setter for building edited specs. */
  static final class ObjectNodeEdit {
    private final JsonNode root;

    ObjectNodeEdit(JsonNode root) {
      this.root = root.deepCopy();
    }

    void set(String pointer, Object value) {
      int slash = pointer.lastIndexOf('/');
      JsonNode parent = root.at(pointer.substring(0, slash));
      String key = pointer.substring(slash + 1);
      JsonNode node = value instanceof JsonNode json ? json : JSON.valueToTree(value);
      ((com.fasterxml.jackson.databind.node.ObjectNode) parent).set(key, node);
    }

    @Override
    public String toString() {
      return root.toString();
    }
  }
}
