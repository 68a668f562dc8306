package io.failover.agents.app.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.failover.agents.access.AuthMode;
import io.failover.agents.api.Agent;
import io.failover.agents.api.AgentSpec;
import io.failover.agents.api.AgentType;
import io.failover.agents.api.AgentTypeSpec;
import io.failover.agents.dashboard.DashboardRole;
import io.failover.agents.operator.OperatorRole;
import io.failover.agents.operator.http.HttpLimits;
import io.failover.agents.operator.kubernetes.SecretValues;
import io.failover.agents.operator.ledger.Ledger;
import io.failover.agents.operator.testing.MockCluster;
import io.failover.agents.operator.testing.RunningOperator;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart's alerts and Grafana dashboard read only metrics the code exports, and Prometheus's own
 * tool accepts them: the operator and the dashboard run against the mock API and are exercised
 * (reports, a failover, a pause, a failed reconcile, a budget), both /metrics are scraped, and every
 * metric named by a PrometheusRule expression or a dashboard query must be among what they served.
 * promtool checks the rules and the dashboard's queries and runs the alerts' unit tests; busybox runs
 * the helm test pod's script against the running roles.
 */
class MonitoringMatchesCodeTest {
  /** Series Prometheus writes itself for every target, not the code. */
  static final Set<String> PROMETHEUS_OWN = Set.of("up");
  static final ObjectMapper JSON = new ObjectMapper();
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir static Path dir;
  static MockCluster cluster;
  static OperatorRole operator;
  static DashboardRole dashboard;
  static String operatorUrl;
  static String dashboardUrl;
  static Set<String> exported;

  @BeforeAll
  static void runAndExerciseBothRoles() throws Exception {
    cluster = MockCluster.start();
    operator = OperatorRole.start(cluster.client, new OperatorRole.Settings("127.0.0.1", 0, dir.resolve("ledger.db"),
        Ledger.DEFAULT_RETENTION, Set.of(), "http://127.0.0.1:1", false, "unused", Optional.empty(), "metrics", HttpLimits.DEFAULTS,
        AuthMode.KUBERNETES), Clock.systemUTC());
    await().atMost(Duration.ofSeconds(30)).until(operator::ready);
    operatorUrl = "http://127.0.0.1:" + operator.port();
    dashboard = DashboardRole.start(cluster.client, new DashboardRole.Settings("127.0.0.1", 0, operatorUrl, AuthMode.KUBERNETES, Set.of()),
        Clock.systemUTC());
    await().atMost(Duration.ofSeconds(10)).until(dashboard::ready);
    dashboardUrl = "http://127.0.0.1:" + dashboard.port();
    exercise();
    exported = new TreeSet<>();
    exported.addAll(sampleNames(get(operatorUrl + "/metrics")));
    exported.addAll(sampleNames(get(dashboardUrl + "/metrics")));
  }

  @AfterAll
  static void stop() {
    if (dashboard != null) {
      dashboard.close();
    }
    if (operator != null) {
      operator.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void everyMetricTheAlertsNameIsOneTheCodeExports() {
    JsonNode rule = prometheusRule();
    Map<String, Set<String>> unknown = new TreeMap<>();
    ChartMonitoringTest.alerts(rule).forEach((name, alert) -> {
      Set<String> names = PromQl.metricNames(alert.get("expr").asText());
      assertThat(names).as(name).isNotEmpty();
      names.removeAll(exported);
      names.removeAll(PROMETHEUS_OWN);
      if (!names.isEmpty()) {
        unknown.put(name, names);
      }
    });

    assertThat(unknown).as("alerts naming metrics the code does not export").isEmpty();
  }

  @Test
  void everyMetricTheGrafanaDashboardNamesIsOneTheCodeExports() throws IOException {
    JsonNode dashboardJson = grafanaDashboard();
    Map<String, Set<String>> unknown = new TreeMap<>();
    for (Map.Entry<String, String> query : grafanaQueries(dashboardJson).entrySet()) {
      Set<String> names = query.getKey().startsWith("variable ") ? new TreeSet<>(PromQl.variableQueryMetrics(query.getValue()))
          : PromQl.metricNames(query.getValue());
      assertThat(names).as(query.getKey()).isNotEmpty();
      names.removeAll(exported);
      if (!names.isEmpty()) {
        unknown.put(query.getKey(), names);
      }
    }

    assertThat(unknown).as("dashboard queries naming metrics the code does not export").isEmpty();
  }

  @Test
  void promtoolAcceptsTheRulesAndTheAlertsFireAsTheirUnitTestsSay() throws Exception {
    Tool promtool = Tool.find("promtool", "bash .ci/run installs it from Debian's prometheus package");
    Path work = Files.createDirectories(dir.resolve("rules"));
    YAML.writeValue(work.resolve("rules.yaml").toFile(), prometheusRule().get("spec"));
    try (InputStream tests = getClass().getResourceAsStream("/monitoring/alerts.test.yaml")) {
      Files.copy(tests, work.resolve("alerts.test.yaml"));
    }

    Tool.Run check = promtool.run(work, Map.of(), "check", "rules", "rules.yaml");
    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(check.output()).contains("SUCCESS: 7 rules found");
    Tool.Run unitTests = promtool.run(work, Map.of(), "test", "rules", "alerts.test.yaml");
    assertThat(unitTests.exitCode()).as(unitTests.output()).isZero();
  }

  @Test
  void promtoolAcceptsEveryGrafanaQuery() throws Exception {
    Tool promtool = Tool.find("promtool", "bash .ci/run installs it from Debian's prometheus package");
    Path work = Files.createDirectories(dir.resolve("grafana"));
    ObjectNode file = JSON.createObjectNode();
    ArrayNode rules = file.putArray("groups").addObject().put("name", "grafana-queries").putArray("rules");
    int index = 0;
    for (Map.Entry<String, String> query : grafanaQueries(grafanaDashboard()).entrySet()) {
      if (!query.getKey().startsWith("variable ")) {
        // Grafana's own interval variables, as Grafana replaces them before sending the query
        String expression = query.getValue().replace("$__rate_interval", "5m").replace("$__interval", "1m");
        rules.addObject().put("record", "grafana:query_" + index++).put("expr", expression);
      }
    }
    YAML.writeValue(work.resolve("queries.yaml").toFile(), file);

    Tool.Run check = promtool.run(work, Map.of(), "check", "rules", "queries.yaml");

    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(index).isGreaterThan(15);
  }

  @Test
  void theHelmTestScriptPassesAgainstBothRolesAndFailsWhenOneDoesNotAnswer() throws Exception {
    Tool busybox = Tool.find("busybox", "apt-get install busybox (.ci/run does)");
    Path bin = Files.createDirectories(dir.resolve("busybox-bin"));
    for (String applet : List.of("sh", "timeout", "wget", "grep", "echo", "[")) {
      if (!Files.exists(bin.resolve(applet))) {
        Files.createSymbolicLink(bin.resolve(applet), busybox.executable());
      }
    }
    JsonNode pod = Chart.one(Chart.renderWithTestHook(dir.resolve("hook"), Map.of()), "Pod", "failover-agent-failover-test");
    JsonNode container = pod.at("/spec/containers/0");
    assertThat(container.get("command")).extracting(JsonNode::asText).containsExactly("sh", "-c");
    String script = container.at("/args/0").asText();
    Tool.Run passing = busybox.run(dir, Map.of("PATH", bin.toString(), "OPERATOR_URL", operatorUrl, "DASHBOARD_URL", dashboardUrl),
        "sh", "-c", script);
    assertThat(passing.exitCode()).as(passing.output()).isZero();
    assertThat(passing.output().lines()).containsExactly("ok: " + operatorUrl + "/health/readiness", "ok: " + operatorUrl + "/metrics",
        "ok: " + dashboardUrl + "/health/readiness", "ok: " + dashboardUrl + "/metrics");

    Tool.Run failing = busybox.run(dir, Map.of("PATH", bin.toString(), "OPERATOR_URL", operatorUrl, "DASHBOARD_URL", "http://127.0.0.1:1"),
        "sh", "-c", script);
    assertThat(failing.exitCode()).isNotZero();
    assertThat(failing.output()).contains("FAILED: http://127.0.0.1:1/health/readiness");
  }

  static JsonNode prometheusRule() {
    return Chart.one(Chart.render(Map.of("prometheusRule.enabled", true, "prometheusRule.skipCapabilityCheck", true)),
        "PrometheusRule", ChartMonitoringTest.FULLNAME);
  }

  static JsonNode grafanaDashboard() throws IOException {
    JsonNode map = Chart.one(Chart.render(Map.of("grafanaDashboard.enabled", true)), "ConfigMap",
        ChartMonitoringTest.FULLNAME + "-grafana-dashboard");
    return JSON.readTree(map.at("/data/agent-failover.json").asText());
  }

  /** Every query of the dashboard, keyed by where it is: "panel <title> <refId>" or "variable <name>". */
  static Map<String, String> grafanaQueries(JsonNode dashboardJson) {
    Map<String, String> queries = new TreeMap<>();
    for (JsonNode panel : dashboardJson.get("panels")) {
      for (JsonNode target : panel.path("targets")) {
        queries.put("panel " + panel.get("title").asText() + " " + target.get("refId").asText(), target.get("expr").asText());
      }
    }
    for (JsonNode variable : dashboardJson.at("/templating/list")) {
      if ("query".equals(variable.path("type").asText())) {
        queries.put("variable " + variable.get("name").asText(), variable.at("/query/query").asText());
      }
    }
    return queries;
  }

  /** Everything the dashboard's alerts and panels read: reports, a failover, a budget, a pause, refused reports, a failed reconcile. */
  private static void exercise() throws Exception {
    var admin = cluster.client;
    for (String key : new String[] {"anthropic-key", "deepseek-key"}) {
      admin.secrets().inNamespace(RunningOperator.NS).resource(new SecretBuilder()
          .withMetadata(new ObjectMetaBuilder().withName(key).withNamespace(RunningOperator.NS)
              .withLabels(Map.of(AgentType.CREDENTIALS_LABEL, "true")).build())
          .withData(Map.of("api-key", Base64.getEncoder().encodeToString("sk".getBytes()))).build()).create();
    }
    AgentType type = new AgentType();
    type.setMetadata(new ObjectMetaBuilder().withName("coder").withNamespace(RunningOperator.NS).build());
    type.setSpec(Serialization.unmarshal(RunningOperator.THREE_TIERS + "failover: {tokenBudget: {limitTokens: 100000, window: 5h}}\n",
        AgentTypeSpec.class));
    admin.resource(type).create();
    for (String name : List.of("coder-1", "coder-2")) {
      Agent agent = new Agent();
      agent.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(RunningOperator.NS).build());
      agent.setSpec(new AgentSpec());
      agent.getSpec().setType("coder");
      admin.resource(agent).create();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> admin.secrets().inNamespace("agents").withName("coder-1-provider-env").get() != null);
    String token = SecretValues.of(admin.secrets().inNamespace("agents").withName("coder-1-provider-env").get(),
        "FAILOVER_REPORT_TOKEN").orElseThrow();
    String outcomes = operatorUrl + "/api/v1/namespaces/agents/agents/coder-1/outcomes";
    assertThat(post(outcomes, "Bearer " + token, "{\"result\":\"success\",\"inputTokens\":1200,\"outputTokens\":300}")).isEqualTo(202);
    assertThat(post(outcomes, "Bearer wrong", "{\"result\":\"success\"}")).isEqualTo(403);
    // the next status write of coder-1 fails once: its reconcile fails and is retried
    cluster.server.expect().put().withPath("/apis/agents.failover.io/v1alpha1/namespaces/agents/agents/coder-1/status")
        .andReturn(409, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Conflict\",\"code\":409}").once();
    assertThat(post(outcomes, "Bearer " + token, "{\"result\":\"error\",\"httpStatus\":401}")).isEqualTo(202);
    await().atMost(Duration.ofSeconds(10)).until(() -> admin.resources(Agent.class).inNamespace("agents").withName("coder-1").get()
        .getStatus().getTier() == 2);
    admin.resources(Agent.class).inNamespace("agents").withName("coder-2").edit(agent -> {
      agent.getMetadata().getAnnotations().put(Agent.PAUSE_ANNOTATION, "now");
      return agent;
    });
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(get(operatorUrl + "/metrics"))
        .contains("failover_agent_paused_reason{", "reconciliations_failure_total{"));
  }

  static Set<String> sampleNames(String exposition) {
    return exposition.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
        .map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toCollection(TreeSet::new));
  }

  private static int post(String url, String authorization, String body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private static String get(String url) {
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(url).isEqualTo(200);
      return response.body();
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
