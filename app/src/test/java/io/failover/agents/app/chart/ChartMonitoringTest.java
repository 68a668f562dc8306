package io.failover.agents.app.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.failover.agents.app.podsecurity.RestrictedPodSecurity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chart's monitoring options rendered and checked: ServiceMonitor, PrometheusRule, Grafana dashboard, NetworkPolicy, helm test. */
class ChartMonitoringTest {
  static final String FULLNAME = "failover-agent-failover";
  static final String JOB = "job=\"" + ChartTest.OPERATOR + "\"";

  @TempDir Path dir;

  @Test
  void monitoringObjectsNeedTheirKindInTheClusterAndTheNotesSaySoWhenMissing() {
    Map<String, Object> enabled = Map.of("serviceMonitor.enabled", true, "prometheusRule.enabled", true);

    assertThat(Chart.ofKind(Chart.render(enabled), "ServiceMonitor")).isEmpty();
    assertThat(Chart.ofKind(Chart.render(enabled), "PrometheusRule")).isEmpty();
    assertThat(Chart.notes(enabled)).contains("serves no monitoring.coreos.com/v1\nServiceMonitor",
        "set serviceMonitor.skipCapabilityCheck=true", "set prometheusRule.skipCapabilityCheck=true");
    assertThat(Chart.notes(Map.of())).doesNotContain("monitoring.coreos.com");
  }

  @Test
  void theServiceMonitorScrapesBothRolesWithItsNamespaceAndRelabelingOptions() {
    Map<String, Object> values = new HashMap<>(Map.of("serviceMonitor.enabled", true, "serviceMonitor.skipCapabilityCheck", true,
        "serviceMonitor.namespace", "monitoring", "serviceMonitor.interval", "15s",
        "serviceMonitor.relabelings[0].targetLabel", "cluster", "serviceMonitor.relabelings[0].replacement", "prod",
        "serviceMonitor.metricRelabelings[0].action", "drop", "serviceMonitor.metricRelabelings[0].sourceLabels[0]", "__name__"));
    values.put("serviceMonitor.metricRelabelings[0].regex", "jvm_threads_.*");
    JsonNode monitor = Chart.one(Chart.render(values), "ServiceMonitor", FULLNAME);

    assertThat(monitor.at("/metadata/namespace").asText()).isEqualTo("monitoring");
    assertThat(monitor.at("/spec/namespaceSelector/matchNames")).extracting(JsonNode::asText).containsExactly(Chart.NAMESPACE);
    assertThat(monitor.at("/spec/selector/matchExpressions/0/values")).extracting(JsonNode::asText)
        .containsExactly("operator", "dashboard");
    JsonNode endpoint = monitor.at("/spec/endpoints/0");
    assertThat(endpoint.get("port").asText()).isEqualTo("http");
    assertThat(endpoint.get("interval").asText()).isEqualTo("15s");
    assertThat(endpoint.get("honorLabels").asBoolean()).as("the agents' namespace label is kept").isTrue();
    assertThat(endpoint.at("/relabelings/0/targetLabel").asText()).isEqualTo("cluster");
    assertThat(endpoint.at("/metricRelabelings/0/regex").asText()).isEqualTo("jvm_threads_.*");

    JsonNode operatorOnly = Chart.one(Chart.render(Map.of("serviceMonitor.enabled", true, "serviceMonitor.skipCapabilityCheck", true,
        "dashboard.enabled", false)), "ServiceMonitor", FULLNAME);
    assertThat(operatorOnly.at("/metadata/namespace").asText()).isEqualTo(Chart.NAMESPACE);
    assertThat(operatorOnly.at("/spec/selector/matchExpressions/0/values")).extracting(JsonNode::asText).containsExactly("operator");
  }

  @Test
  void thePrometheusRuleCarriesEveryAlertWithItsValuesAndLeavesOutTheDisabledOnes() {
    JsonNode rule = Chart.one(Chart.render(Map.of("prometheusRule.enabled", true, "prometheusRule.skipCapabilityCheck", true,
        "prometheusRule.agentDegradedFor", "2h", "prometheusRule.tokenBudgetThreshold", 0.75, "prometheusRule.alertLabels.team", "platform",
        "prometheusRule.labels.release", "prometheus")), "PrometheusRule", FULLNAME);

    Map<String, JsonNode> alerts = alerts(rule);
    assertThat(alerts).containsOnlyKeys("FailoverAgentChainExhausted", "FailoverAgentDegraded", "FailoverTokenBudgetNearlySpent",
        "FailoverIntakeRefusingReports", "FailoverOperatorNotLeading", "FailoverOperatorNotReady", "FailoverOperatorDown");
    assertThat(rule.at("/metadata/labels/release").asText()).isEqualTo("prometheus");
    assertThat(alerts.get("FailoverAgentDegraded").get("for").asText()).isEqualTo("2h");
    assertThat(alerts.get("FailoverTokenBudgetNearlySpent").get("expr").asText()).endsWith("> 0.75");
    assertThat(alerts.values()).allSatisfy(alert -> {
      assertThat(alert.at("/labels/team").asText()).isEqualTo("platform");
      assertThat(alert.at("/labels/severity").asText()).isIn("warning", "critical");
      assertThat(alert.get("expr").asText()).contains(JOB);
      assertThat(alert.at("/annotations/summary").asText()).isNotBlank();
      assertThat(alert.at("/annotations/description").asText()).isNotBlank();
    });
    assertThat(alerts.get("FailoverAgentChainExhausted").at("/annotations/description").asText())
        .contains("{{ $labels.namespace }}/{{ $labels.agent }}", "agents.failover.io/unpause=now");

    JsonNode fewer = Chart.one(Chart.render(Map.of("prometheusRule.enabled", true, "prometheusRule.skipCapabilityCheck", true,
        "prometheusRule.namespace", "monitoring", "prometheusRule.job", "failover-ops",
        "prometheusRule.disabledAlerts[0]", "FailoverAgentDegraded", "prometheusRule.disabledAlerts[1]", "FailoverOperatorDown")),
        "PrometheusRule", FULLNAME);
    assertThat(fewer.at("/metadata/namespace").asText()).isEqualTo("monitoring");
    assertThat(alerts(fewer)).hasSize(5).doesNotContainKeys("FailoverAgentDegraded", "FailoverOperatorDown");
    assertThat(alerts(fewer).values()).allSatisfy(alert -> assertThat(alert.get("expr").asText()).contains("job=\"failover-ops\""));

    JsonNode operatorOnly = Chart.one(Chart.render(Map.of("prometheusRule.enabled", true, "prometheusRule.skipCapabilityCheck", true,
        "prometheusRule.disabledAlerts[0]", "FailoverAgentChainExhausted", "prometheusRule.disabledAlerts[1]", "FailoverAgentDegraded",
        "prometheusRule.disabledAlerts[2]", "FailoverTokenBudgetNearlySpent")), "PrometheusRule", FULLNAME);
    assertThat(operatorOnly.at("/spec/groups")).as("a group with every alert disabled is left out")
        .extracting(group -> group.get("name").asText()).containsExactly("agent-failover.operator");
  }

  @Test
  void theGrafanaDashboardIsValidJsonInAConfigMapWithTheSidecarLabel() throws IOException {
    assertThat(Chart.ofKind(Chart.render(Map.of()), "ConfigMap")).isEmpty();
    List<JsonNode> objects = Chart.render(Map.of("grafanaDashboard.enabled", true, "grafanaDashboard.namespace", "grafana",
        "grafanaDashboard.annotations.grafana_folder", "Platform"));
    JsonNode map = Chart.one(objects, "ConfigMap", FULLNAME + "-grafana-dashboard");

    assertThat(map.at("/metadata/namespace").asText()).isEqualTo("grafana");
    assertThat(map.at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
    assertThat(map.at("/metadata/annotations/grafana_folder").asText()).isEqualTo("Platform");
    JsonNode dashboard = new ObjectMapper().readTree(map.at("/data/agent-failover.json").asText());
    assertThat(dashboard.get("uid").asText()).isEqualTo("agent-failover");
    assertThat(dashboard.get("panels")).hasSizeGreaterThan(10);
    assertThat(dashboard.findValues("title")).extracting(JsonNode::asText).contains("Agents per tier, by type", "Failovers by kind",
        "Reports answered per second, by status", "Report latency", "Budget used");
    assertThat(dashboard.toString()).isEqualTo(new ObjectMapper().readTree(Chart.DIR.resolve("dashboards/agent-failover.json").toFile()).toString());

    JsonNode custom = Chart.one(Chart.render(Map.of("grafanaDashboard.enabled", true, "grafanaDashboard.labels.dashboards", "platform")),
        "ConfigMap", FULLNAME + "-grafana-dashboard");
    assertThat(custom.at("/metadata/labels/dashboards").asText()).isEqualTo("platform");
  }

  @Test
  void theNetworkPolicyAdmitsTheMetricsScraperAndTheTestPodBesideTheAgents() {
    Map<String, Object> values = new HashMap<>(Map.of("networkPolicy.enabled", true,
        "networkPolicy.agentNamespaceSelector.matchLabels.agents", "yes",
        "networkPolicy.metricsNamespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name", "monitoring",
        "networkPolicy.metricsPodSelector.matchLabels.app\\.kubernetes\\.io/name", "prometheus"));
    JsonNode from = Chart.one(Chart.render(values), "NetworkPolicy", ChartTest.OPERATOR).at("/spec/ingress/0/from");

    assertThat(from).hasSize(4);
    assertThat(from.get(0).at("/namespaceSelector/matchLabels/agents").asText()).isEqualTo("yes");
    assertThat(from.get(1).at("/podSelector/matchLabels/app.kubernetes.io~1component").asText()).isEqualTo("dashboard");
    assertThat(from.get(2).at("/podSelector/matchLabels/app.kubernetes.io~1component").asText()).isEqualTo("test");
    assertThat(from.get(3).at("/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText()).isEqualTo("monitoring");
    assertThat(from.get(3).at("/podSelector/matchLabels/app.kubernetes.io~1name").asText())
        .as("one peer: the scraper's pods in the scraper's namespaces").isEqualTo("prometheus");

    JsonNode plain = Chart.one(Chart.render(Map.of("networkPolicy.enabled", true, "tests.enabled", false)), "NetworkPolicy", ChartTest.OPERATOR);
    assertThat(plain.at("/spec/ingress/0/from")).hasSize(2);
  }

  @Test
  void theHelmTestPodIsAHookThatChecksBothRolesWithARestrictedContext() throws IOException {
    assertThat(Files.readString(Chart.DIR.resolve(Chart.TEST_HOOK))).contains(Chart.HOOK_ANNOTATION);
    assertThat(Chart.ofKind(Chart.render(Map.of()), "Pod")).as("a hook, not part of the release's manifest").isEmpty();

    JsonNode pod = Chart.one(Chart.renderWithTestHook(dir, Map.of()), "Pod", FULLNAME + "-test");
    assertThat(pod.at("/spec/restartPolicy").asText()).isEqualTo("Never");
    assertThat(pod.at("/spec/containers/0/image").asText()).isEqualTo("busybox:1.36");
    assertThat(env(pod)).containsEntry("OPERATOR_URL", "http://failover-agent-failover-operator.agent-failover.svc:8080")
        .containsEntry("DASHBOARD_URL", "http://failover-agent-failover-dashboard.agent-failover.svc:8081");
    assertThat(RestrictedPodSecurity.violations(pod.get("spec"))).isEmpty();

    JsonNode withoutDashboard = Chart.one(Chart.renderWithTestHook(dir.resolve("2"), Map.of("dashboard.enabled", false)), "Pod", FULLNAME + "-test");
    assertThat(env(withoutDashboard)).containsOnlyKeys("OPERATOR_URL");
    assertThat(Chart.ofKind(Chart.renderWithTestHook(dir.resolve("3"), Map.of("tests.enabled", false)), "Pod")).isEmpty();
  }

  static Map<String, JsonNode> alerts(JsonNode rule) {
    Map<String, JsonNode> alerts = new java.util.LinkedHashMap<>();
    for (JsonNode group : rule.at("/spec/groups")) {
      for (JsonNode alert : group.get("rules")) {
        alerts.put(alert.get("alert").asText(), alert);
      }
    }
    return alerts;
  }

  static Map<String, String> env(JsonNode pod) {
    Map<String, String> env = new java.util.LinkedHashMap<>();
    pod.at("/spec/containers/0/env").forEach(variable -> env.put(variable.get("name").asText(), variable.get("value").asText()));
    return env;
  }

  static List<String> expressions(JsonNode rule) {
    List<String> expressions = new ArrayList<>();
    alerts(rule).values().forEach(alert -> expressions.add(alert.get("expr").asText()));
    return expressions;
  }
}
