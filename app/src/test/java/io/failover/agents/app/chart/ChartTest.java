package io.failover.agents.app.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The Helm chart: lint, renders for the value sets users pick, the schema, and its copy of the CRDs. */
class ChartTest {
  static final String OPERATOR = "failover-agent-failover-operator";
  static final String DASHBOARD = "failover-agent-failover-dashboard";

  @Test
  void lintsCleanInStrictMode() {
    LintResult result = new Helm(Chart.DIR).lint().strict().call();

    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
  }

  @Test
  void defaultsRenderTheOperatorAndDashboardWithLeastPrivilegeAndARestrictedSecurityContext() {
    List<JsonNode> objects = Chart.render(Map.of());

    assertThat(Chart.names(objects)).contains(
        "ServiceAccount/agent-failover/" + OPERATOR, "ServiceAccount/agent-failover/" + DASHBOARD,
        "ClusterRole//" + OPERATOR, "ClusterRoleBinding//" + OPERATOR, "ClusterRole//" + DASHBOARD,
        "Role/agent-failover/" + OPERATOR + "-leader-election", "PersistentVolumeClaim/agent-failover/" + OPERATOR + "-ledger",
        "Deployment/agent-failover/" + OPERATOR, "Deployment/agent-failover/" + DASHBOARD,
        "Service/agent-failover/" + OPERATOR, "Service/agent-failover/" + DASHBOARD);
    assertThat(Chart.ofKind(objects, "ServiceMonitor")).isEmpty();
    assertThat(Chart.ofKind(objects, "NetworkPolicy")).isEmpty();

    JsonNode operator = Chart.one(objects, "Deployment", OPERATOR);
    assertThat(operator.at("/spec/replicas").asInt()).isEqualTo(1);
    assertThat(operator.at("/spec/strategy/type").asText()).isEqualTo("Recreate");
    JsonNode container = operator.at("/spec/template/spec/containers/0");
    assertThat(container.get("args")).extracting(JsonNode::asText).containsExactly("operator", "--port=8080",
        "--ledger=/data/ledger.db", "--retention=30d",
        "--report-url=http://failover-agent-failover-operator.agent-failover.svc:8080", "--leader-election=true",
        "--lease-name=" + OPERATOR);
    assertThat(container.get("image").asText()).isEqualTo("ghcr.io/agent-failover/agent-failover:0.1.0");
    assertRestricted(operator);
    assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/health/liveness");
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/health/readiness");
    assertThat(container.at("/resources/requests/memory").asText()).isEqualTo("384Mi");
    assertThat(operator.at("/spec/template/spec/volumes/0/persistentVolumeClaim/claimName").asText())
        .isEqualTo(OPERATOR + "-ledger");

    JsonNode dashboard = Chart.one(objects, "Deployment", DASHBOARD);
    assertThat(dashboard.at("/spec/template/spec/containers/0/args")).extracting(JsonNode::asText).contains(
        "dashboard", "--operator-url=http://failover-agent-failover-operator.agent-failover.svc:8080", "--auth=kubernetes");
    assertThat(dashboard.at("/spec/template/spec/serviceAccountName").asText()).isEqualTo(DASHBOARD);
    assertRestricted(dashboard);
  }

  @Test
  void theDashboardGetsNoAccessToSecrets() {
    List<JsonNode> objects = Chart.render(Map.of());
    Stream<JsonNode> dashboardRules = Stream.concat(Chart.ofKind(objects, "ClusterRole").stream(), Chart.ofKind(objects, "Role").stream())
        .filter(Chart.named(DASHBOARD))
        .flatMap(role -> Stream.of(role.get("rules")).flatMap(rules -> java.util.stream.StreamSupport.stream(rules.spliterator(), false)));

    assertThat(dashboardRules).allSatisfy(rule -> assertThat(rule.get("resources")).extracting(JsonNode::asText)
        .doesNotContain("secrets", "*"));
  }

  @Test
  void watchNamespacesGiveRolesPerNamespaceAndNothingClusterWideButTheReviews() {
    List<JsonNode> objects = Chart.render(Map.of("watchNamespaces[0]", "team-a", "watchNamespaces[1]", "team-b"));

    assertThat(Chart.ofKind(objects, "ClusterRole")).extracting(role -> role.at("/metadata/name").asText())
        .containsExactlyInAnyOrder(OPERATOR, DASHBOARD);
    assertThat(Chart.one(objects, "ClusterRole", DASHBOARD).get("rules")).extracting(rule -> rule.at("/resources/0").asText())
        .containsExactly("tokenreviews", "subjectaccessreviews");
    assertThat(Chart.one(objects, "ClusterRole", OPERATOR).get("rules")).extracting(rule -> rule.at("/resources/0").asText())
        .containsExactly("tokenreviews", "subjectaccessreviews");
    assertThat(Chart.ofKind(objects, "Role")).extracting(role -> role.at("/metadata/namespace").asText() + "/" + role.at("/metadata/name").asText())
        .contains("team-a/" + OPERATOR, "team-b/" + OPERATOR, "team-a/" + DASHBOARD, "team-b/" + DASHBOARD);
    assertThat(Chart.ofKind(objects, "RoleBinding")).extracting(binding -> binding.at("/subjects/0/namespace").asText())
        .containsOnly("agent-failover");
    assertThat(Chart.one(objects, "Deployment", OPERATOR).at("/spec/template/spec/containers/0/args"))
        .extracting(JsonNode::asText).contains("--namespaces=team-a,team-b");
    assertThat(Chart.one(objects, "Deployment", DASHBOARD).at("/spec/template/spec/containers/0/args"))
        .extracting(JsonNode::asText).contains("--namespaces=team-a,team-b");
  }

  @Test
  void dashboardOffPersistenceOffAndServiceMonitorOn() {
    List<JsonNode> objects = Chart.render(Map.of("dashboard.enabled", false, "persistence.enabled", false,
        "serviceMonitor.enabled", true, "serviceMonitor.skipCapabilityCheck", true, "serviceMonitor.labels.release", "prometheus",
        "networkPolicy.enabled", true));

    assertThat(Chart.names(objects)).noneMatch(name -> name.contains("dashboard"));
    assertThat(Chart.ofKind(objects, "PersistentVolumeClaim")).isEmpty();
    assertThat(Chart.one(objects, "Deployment", OPERATOR).at("/spec/template/spec/volumes/0/emptyDir").isObject()).isTrue();
    JsonNode monitor = Chart.one(objects, "ServiceMonitor", "failover-agent-failover");
    assertThat(monitor.at("/metadata/labels/release").asText()).isEqualTo("prometheus");
    assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/metrics");
    assertThat(Chart.ofKind(objects, "NetworkPolicy")).extracting(p -> p.at("/metadata/name").asText()).containsExactly(OPERATOR);
  }

  @Test
  void notesTellHowToReachTheDashboardAndWarnWhenTheLedgerIsNotPersisted() {
    String notes = Chart.notes(Map.of());
    assertThat(notes).contains("port-forward svc/" + DASHBOARD + " 8081:8081",
        "kubectl annotate agent <name> agents.failover.io/reset-tier=now",
        "http://failover-agent-failover-operator.agent-failover.svc:8080/api/v1/namespaces/<namespace>/agents/<name>/outcomes")
        .doesNotContain("WARNING");

    assertThat(Chart.notes(Map.of("persistence.enabled", false))).contains("WARNING: persistence is off");
  }

  @Test
  void valuesThatBreakTheSchemaAreRefused() {
    assertThatThrownBy(() -> Chart.render(Map.of("dashboard.auth", "none")))
        .hasMessageContaining("/dashboard/auth").hasMessageContaining("kubernetes");
    assertThatThrownBy(() -> Chart.render(Map.of("operator.port", 70000))).hasMessageContaining("/operator/port");
    assertThatThrownBy(() -> Chart.render(Map.of("watchNamespaces[0]", "Not_A_Namespace"))).hasMessageContaining("/watchNamespaces/0");
    assertThatThrownBy(() -> Chart.render(Map.of("operator.ledgerRetention", "forever")))
        .hasMessageContaining("/operator/ledgerRetention");
    assertThatThrownBy(() -> Chart.render(Map.of("persistance.enabled", false))).hasMessageContaining("persistance");
  }

  @Test
  void theChartCarriesExactlyTheGeneratedCrds() throws IOException {
    Path generated = Path.of(System.getProperty("crds.dir", "../crds"));
    try (Stream<Path> files = Files.list(generated)) {
      for (Path crd : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        assertThat(Chart.DIR.resolve("crds").resolve(crd.getFileName())).as("charts/agent-failover/crds/%s", crd.getFileName())
            .hasSameBinaryContentAs(crd);
      }
    }
    try (Stream<Path> files = Files.list(Chart.DIR.resolve("crds"))) {
      assertThat(files.map(f -> f.getFileName().toString()).toList())
          .containsExactlyInAnyOrderElementsOf(Files.list(generated).map(f -> f.getFileName().toString()).toList());
    }
    assertThat(new Helm(Chart.DIR).show().crds().call()).contains("name: \"agents.agents.failover.io\"");
  }

  private static void assertRestricted(JsonNode deployment) {
    JsonNode pod = deployment.at("/spec/template/spec/securityContext");
    assertThat(pod.get("runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.at("/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
    JsonNode container = deployment.at("/spec/template/spec/containers/0/securityContext");
    assertThat(container.get("allowPrivilegeEscalation").asBoolean()).isFalse();
    assertThat(container.get("readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(container.at("/capabilities/drop")).extracting(JsonNode::asText).containsExactly("ALL");
  }
}
