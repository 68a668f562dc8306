package io.failover.agents.app.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.failover.agents.app.podsecurity.RestrictedPodSecurity;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chart's general options, each rendered and checked in the objects: names, labels, image digest, extras per role, chart metadata. */
class ChartOptionsTest {
  static final List<String> ROLES = List.of(ChartTest.OPERATOR, ChartTest.DASHBOARD);

  @Test
  void nameOverrideAndFullnameOverrideNameEveryObjectTheLeaseAndTheBindings() {
    List<JsonNode> named = Chart.render(Map.of("nameOverride", "af"));
    assertThat(Chart.one(named, "Deployment", "failover-af-operator").at("/metadata/labels/app.kubernetes.io~1name").asText())
        .isEqualTo("af");
    assertThat(Chart.one(named, "Deployment", "failover-af-dashboard").at("/spec/selector/matchLabels/app.kubernetes.io~1name").asText())
        .isEqualTo("af");

    List<JsonNode> full = Chart.render(Map.of("fullnameOverride", "platform-failover"));
    assertThat(Chart.names(full)).contains("Deployment/agent-failover/platform-failover-operator",
        "Deployment/agent-failover/platform-failover-dashboard", "ClusterRole//platform-failover-operator",
        "Role/agent-failover/platform-failover-operator-leader-election");
    assertThat(Chart.names(full)).allMatch(name -> name.contains("/platform-failover"));
    assertThat(Chart.one(full, "Deployment", "platform-failover-operator").at("/spec/template/spec/containers/0/args"))
        .extracting(JsonNode::asText).contains("--lease-name=platform-failover-operator",
            "--report-url=http://platform-failover-operator.agent-failover.svc:8080");
    assertThat(Chart.one(full, "ClusterRoleBinding", "platform-failover-operator").at("/subjects/0/name").asText())
        .isEqualTo("platform-failover-operator");
  }

  @Test
  void commonLabelsReachEveryObjectAndEveryPodButNoSelector() {
    List<JsonNode> objects = Chart.render(Map.of("commonLabels.team", "platform", "commonLabels.cost-center", "ai",
        "serviceMonitor.enabled", true, "serviceMonitor.skipCapabilityCheck", true, "networkPolicy.enabled", true));

    assertThat(objects).isNotEmpty().allSatisfy(object -> assertThat(object.at("/metadata/labels/team").asText())
        .as(Chart.names(List.of(object)).get(0)).isEqualTo("platform"));
    for (String role : ROLES) {
      JsonNode deployment = Chart.one(objects, "Deployment", role);
      assertThat(deployment.at("/spec/template/metadata/labels/cost-center").asText()).isEqualTo("ai");
      assertThat(deployment.at("/spec/selector/matchLabels").has("team")).isFalse();
      assertThat(Chart.one(objects, "Service", role).at("/spec/selector").has("team")).isFalse();
    }
  }

  @Test
  void aDigestPinsTheImageAndReplacesTheTag() {
    String digest = "sha256:" + "0123456789abcdef".repeat(4);
    List<JsonNode> objects = Chart.render(Map.of("image.digest", digest, "image.tag", "ignored"));

    for (String role : ROLES) {
      assertThat(Chart.one(objects, "Deployment", role).at("/spec/template/spec/containers/0/image").asText())
          .isEqualTo("ghcr.io/agent-failover/agent-failover@" + digest);
    }
  }

  @Test
  void extraArgsEnvVolumesAndTopologySpreadAreGivenToTheirRoleOnly() {
    Map<String, Object> values = new java.util.HashMap<>();
    for (String role : List.of("operator", "dashboard")) {
      values.put(role + ".extraArgs[0]", "--" + role + "-flag=1");
      values.put(role + ".extraEnv[0].name", "HTTPS_PROXY");
      values.put(role + ".extraEnv[0].value", "http://proxy." + role + ":3128");
      values.put(role + ".extraEnv[1].name", "FROM_SECRET");
      values.put(role + ".extraEnv[1].valueFrom.secretKeyRef.name", role + "-secret");
      values.put(role + ".extraEnv[1].valueFrom.secretKeyRef.key", "value");
      values.put(role + ".extraVolumes[0].name", "ca");
      values.put(role + ".extraVolumes[0].configMap.name", role + "-ca");
      values.put(role + ".extraVolumeMounts[0].name", "ca");
      values.put(role + ".extraVolumeMounts[0].mountPath", "/etc/ssl/" + role);
      values.put(role + ".extraVolumeMounts[0].readOnly", true);
      values.put(role + ".topologySpreadConstraints[0].maxSkew", 1);
      values.put(role + ".topologySpreadConstraints[0].topologyKey", "topology.kubernetes.io/zone");
      values.put(role + ".topologySpreadConstraints[0].whenUnsatisfiable", "ScheduleAnyway");
      values.put(role + ".topologySpreadConstraints[1].maxSkew", 2);
      values.put(role + ".topologySpreadConstraints[1].topologyKey", "kubernetes.io/hostname");
      values.put(role + ".topologySpreadConstraints[1].whenUnsatisfiable", "DoNotSchedule");
      values.put(role + ".topologySpreadConstraints[1].labelSelector.matchLabels.tier", role);
    }
    List<JsonNode> objects = Chart.render(values);

    for (String role : List.of("operator", "dashboard")) {
      JsonNode pod = Chart.one(objects, "Deployment", "failover-agent-failover-" + role).at("/spec/template/spec");
      JsonNode container = pod.at("/containers/0");
      assertThat(container.get("args")).extracting(JsonNode::asText).last().isEqualTo("--" + role + "-flag=1");
      assertThat(container.get("args")).extracting(JsonNode::asText).filteredOn(arg -> arg.contains("-flag=")).hasSize(1);
      assertThat(container.get("env")).extracting(env -> env.get("name").asText())
          .containsExactly("JAVA_TOOL_OPTIONS", "AGENT_FAILOVER_LOG_LEVEL", "HTTPS_PROXY", "FROM_SECRET");
      assertThat(container.at("/env/2/value").asText()).isEqualTo("http://proxy." + role + ":3128");
      assertThat(container.at("/env/3/valueFrom/secretKeyRef/name").asText()).isEqualTo(role + "-secret");
      assertThat(container.get("volumeMounts")).extracting(mount -> mount.get("mountPath").asText()).contains("/tmp", "/etc/ssl/" + role);
      assertThat(pod.get("volumes")).anySatisfy(volume -> {
        assertThat(volume.get("name").asText()).isEqualTo("ca");
        assertThat(volume.at("/configMap/name").asText()).isEqualTo(role + "-ca");
      });
      JsonNode spread = pod.get("topologySpreadConstraints");
      assertThat(spread).hasSize(2);
      assertThat(spread.get(0).at("/labelSelector/matchLabels/app.kubernetes.io~1component").asText())
          .as("a constraint without a selector spreads the role's own pods").isEqualTo(role);
      assertThat(spread.get(0).at("/labelSelector/matchLabels/app.kubernetes.io~1instance").asText()).isEqualTo("failover");
      assertThat(spread.get(1).get("labelSelector")).isEqualTo(new ObjectMapper().createObjectNode()
          .set("matchLabels", new ObjectMapper().createObjectNode().put("tier", role)));
      assertThat(spread.get(1).get("whenUnsatisfiable").asText()).isEqualTo("DoNotSchedule");
    }
  }

  @Test
  void everyPodOfTheChartPassesTheRestrictedPodSecurityProfileWithEveryOptionSet(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    List<JsonNode> objects = Chart.renderWithTestHook(dir, Map.of("operator.extraVolumes[0].name", "ca", "operator.extraVolumes[0].configMap.name", "ca",
        "operator.extraVolumeMounts[0].name", "ca", "operator.extraVolumeMounts[0].mountPath", "/etc/ca"));
    List<JsonNode> pods = new ArrayList<>();
    Chart.ofKind(objects, "Deployment").forEach(deployment -> pods.add(deployment.at("/spec/template/spec")));
    Chart.ofKind(objects, "Pod").forEach(pod -> pods.add(pod.get("spec")));

    assertThat(pods).hasSize(3).allSatisfy(pod -> assertThat(RestrictedPodSecurity.violations(pod)).isEmpty());
  }

  @Test
  void theSchemaRefusesBadExtrasAndMoreThanOneDashboardReplicaNamingThePath() {
    assertThatThrownBy(() -> Chart.render(Map.of("dashboard.replicas", 2))).hasMessageContaining("/dashboard/replicas");
    assertThatThrownBy(() -> Chart.render(Map.of("image.digest", "latest"))).hasMessageContaining("/image/digest");
    assertThatThrownBy(() -> Chart.render(Map.of("operator.extraEnv[0].value", "x"))).hasMessageContaining("/operator/extraEnv/0")
        .hasMessageContaining("name");
    assertThatThrownBy(() -> Chart.render(Map.of("dashboard.extraVolumeMounts[0].name", "ca", "dashboard.extraVolumeMounts[0].mountPath", "etc")))
        .hasMessageContaining("/dashboard/extraVolumeMounts/0/mountPath");
    assertThatThrownBy(() -> Chart.render(Map.of("operator.topologySpreadConstraints[0].maxSkew", 1,
        "operator.topologySpreadConstraints[0].topologyKey", "zone", "operator.topologySpreadConstraints[0].whenUnsatisfiable", "Never")))
        .hasMessageContaining("/operator/topologySpreadConstraints/0/whenUnsatisfiable");
    assertThatThrownBy(() -> Chart.render(Map.of("networkPolicy.metricsNamespaceSelector.matchLabel.a", "b")))
        .hasMessageContaining("/networkPolicy/metricsNamespaceSelector").hasMessageContaining("matchLabel");
    assertThatThrownBy(() -> Chart.render(Map.of("prometheusRule.disabledAlerts[0]", "NoSuchAlert")))
        .hasMessageContaining("/prometheusRule/disabledAlerts/0");
    assertThatThrownBy(() -> Chart.render(Map.of("prometheusRule.tokenBudgetThreshold", 90)))
        .hasMessageContaining("/prometheusRule/tokenBudgetThreshold");
    assertThatThrownBy(() -> Chart.render(Map.of("prometheusRule.tokenBudgetThreshold", "90%")))
        .hasMessageContaining("/prometheusRule/tokenBudgetThreshold");
    assertThatThrownBy(() -> Chart.render(Map.of("serviceMonitor.interval", "30 seconds"))).hasMessageContaining("/serviceMonitor/interval");
    assertThatThrownBy(() -> Chart.render(Map.of("fullnameOverride", "Not_A_Name"))).hasMessageContaining("/fullnameOverride");
  }

  @Test
  void theSchemaIsSelfContainedAndSaysWhyTheDashboardHasOneReplica() throws IOException {
    JsonNode schema = new ObjectMapper().readTree(Chart.DIR.resolve("values.schema.json").toFile());
    List<String> refs = new ArrayList<>();
    schema.findValues("$ref").forEach(ref -> refs.add(ref.asText()));

    assertThat(refs).isNotEmpty().allMatch(ref -> ref.startsWith("#/definitions/"));
    refs.forEach(ref -> assertThat(schema.at(ref.substring(1)).isMissingNode()).as(ref).isFalse());
    assertThat(schema.at("/properties/dashboard/properties/replicas/maximum").asInt()).isEqualTo(1);
    assertThat(schema.at("/properties/dashboard/properties/replicas/description").asText()).contains("sessions");
  }

  @Test
  void chartMetadataNamesItsSourcesAndMaintainersWithoutPlaceholders() throws IOException {
    JsonNode chart = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(Chart.DIR.resolve("Chart.yaml")));

    assertThat(chart.get("sources")).isNotEmpty().allSatisfy(url -> assertThat(url.asText()).startsWith("https://"));
    assertThat(chart.get("maintainers")).isNotEmpty().allSatisfy(maintainer -> assertThat(maintainer.get("name").asText()).isNotBlank());
    assertThat(chart.toString()).doesNotContain("example.com", "example.org", "TODO", "changeme");
    if (chart.has("home")) {
      assertThat(chart.get("sources")).extracting(JsonNode::asText).contains(chart.get("home").asText());
    }
  }
}
