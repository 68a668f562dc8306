package io.failover.agents.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The installed kubectl against the demo's embedded API: every command users reach for. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubectlAgainstDemoTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  Demo demo;

  record Run(int exit, String out) {}

  @BeforeAll
  void start() {
    Assumptions.assumeTrue(kubectlInstalled(), "kubectl is not installed on this machine: skipping the kubectl tests");
    demo = Demo.start(new Demo.Settings(dir, 0, 0));
    await().atMost(Duration.ofSeconds(30)).until(() -> kubectl("get", "agents").out().contains("anthropic"));
  }

  @AfterAll
  void stop() {
    if (demo != null) {
      demo.close();
    }
  }

  static boolean kubectlInstalled() {
    try {
      return new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start().waitFor() == 0;
    } catch (IOException | InterruptedException absent) {
      return false;
    }
  }

  Run kubectl(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("kubectl", "--request-timeout=20s"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("KUBECONFIG", demo.kubeconfig().toString());
    builder.environment().put("KUBECACHEDIR", dir.resolve("kube-cache").toString());
    Process process = builder.start();
    if (!process.waitFor(40, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish");
    }
    return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  String ok(String... args) throws IOException, InterruptedException {
    Run run = kubectl(args);
    assertThat(run.exit()).as("kubectl %s answered:%n%s", String.join(" ", args), run.out()).isZero();
    return run.out();
  }

  static String columns(String line) {
    return line.trim().replaceAll("\\s+", " ");
  }

  @Test
  void getAgentsShowsThePrinterColumns() throws Exception {
    List<String> lines = ok("get", "agents").lines().toList();

    assertThat(columns(lines.get(0))).isEqualTo("NAME READY TYPE TIER PROVIDER MODEL PAUSED LAST-FAILURE AGE");
    assertThat(lines.subList(1, lines.size())).extracting(line -> line.split("\\s+")[0])
        .contains("coder-1", "coder-2", "coder-3", "coder-4");
    assertThat(lines.stream().filter(line -> line.startsWith("coder-"))).allSatisfy(line ->
        assertThat(line.split("\\s+")[2]).isEqualTo("coder"));
  }

  @Test
  void wideOutputAddsThePriorityOneColumnsAndFilterColumnsRender() throws Exception {
    List<String> wide = ok("get", "agents", "-o", "wide").lines().toList();
    String narrowHeader = columns(ok("get", "agents").lines().findFirst().orElseThrow());

    assertThat(columns(wide.get(0)))
        .isEqualTo("NAME READY TYPE TIER PROVIDER MODEL PAUSED LAST-FAILURE COOLDOWN-UNTIL REASON AGE");
    assertThat(narrowHeader).doesNotContain("COOLDOWN-UNTIL", "REASON");
    String readyFilter = "{.status.conditions[?(@.type==\"Ready\")].status} {.status.conditions[?(@.type==\"Ready\")].reason}";
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      String row = ok("get", "agents", "-o", "wide").lines().filter(line -> line.startsWith("coder-2 ")).findFirst().orElseThrow();
      String[] cells = row.trim().split("\\s+");
      String readyAndReason = ok("get", "agent", "coder-2", "-o", "jsonpath=" + readyFilter);
      assertThat(readyAndReason).as("the Ready condition").matches("(True|False|Unknown) \\S+");
      assertThat(cells[1] + " " + cells[cells.length - 2]).as("READY and REASON of %s", row).isEqualTo(readyAndReason);
    });
  }

  @Test
  void theCategoryListsAgentsAndAgentTypesTogether() throws Exception {
    String both = ok("get", "agents-failover");

    assertThat(both).contains("agenttype.agents.failover.io/coder", "agent.agents.failover.io/coder-1",
        "agent.agents.failover.io/coder-4");
    assertThat(ok("api-resources", "--categories", "agents-failover").lines().skip(1).map(line -> line.split("\\s+")[0]))
        .containsExactlyInAnyOrder("agents", "agenttypes");
  }

  @Test
  void scaleWritesTheAgentsReplicasAndTheOperatorScalesItsDeployment() throws Exception {
    String scalePath = "/apis/agents.failover.io/v1alpha1/namespaces/agents/agents/coder-1/scale";

    assertThat(ok("scale", "agent", "coder-1", "--replicas", "2")).contains("agent.agents.failover.io/coder-1 scaled");

    assertThat(ok("get", "agent", "coder-1", "-o", "jsonpath={.spec.replicas}")).isEqualTo("2");
    await().atMost(Duration.ofSeconds(15)).until(() -> ok("get", "deployment", "coder-1", "-o", "jsonpath={.spec.replicas}").equals("2"));
    JsonNode scale = JSON.readTree(ok("get", "--raw", scalePath));
    assertThat(scale.path("apiVersion").asText() + " " + scale.path("kind").asText()).isEqualTo("autoscaling/v1 Scale");
    assertThat(scale.path("metadata").path("name").asText()).isEqualTo("coder-1");
    assertThat(scale.path("spec").path("replicas").asInt()).isEqualTo(2);
    assertThat(scale.path("status").path("selector").asText())
        .isEqualTo(ok("get", "agent", "coder-1", "-o", "jsonpath={.status.selector}")).isNotEmpty();
    assertThat(columns(ok("get", "agent", "coder-1", "--subresource=scale").lines().toList().get(1))).startsWith("coder-1 2 ");

    ok("scale", "agent", "coder-1", "--current-replicas=2", "--replicas", "1");
    assertThat(ok("get", "agent", "coder-1", "-o", "jsonpath={.spec.replicas}")).isEqualTo("1");
    assertThat(ok("scale", "agent", "coder-1", "--replicas", "3", "--dry-run=server")).contains("server dry run");
    assertThat(ok("get", "agent", "coder-1", "-o", "jsonpath={.spec.replicas}")).isEqualTo("1");
  }

  @Test
  void discoveryOffersTheScaleSubresourceAsAnAutoscalingScale() throws Exception {
    JsonNode resources = JSON.readTree(ok("get", "--raw", "/apis/agents.failover.io/v1alpha1")).path("resources");

    JsonNode scale = null;
    for (JsonNode resource : resources) {
      if (resource.path("name").asText().equals("agents/scale")) {
        scale = resource;
      }
    }
    assertThat(scale).as("agents/scale in %s", resources).isNotNull();
    assertThat(scale.path("group").asText() + "/" + scale.path("version").asText() + " " + scale.path("kind").asText())
        .isEqualTo("autoscaling/v1 Scale");
    assertThat(resources.toString()).doesNotContain("agenttypes/scale");
  }

  @Test
  void scaleRefusesBadInputLikeAnApiServer() throws Exception {
    String scalePath = "/apis/agents.failover.io/v1alpha1/namespaces/agents/agents/coder-3/scale";
    String before = ok("get", "agent", "coder-3", "-o", "jsonpath={.spec.replicas}");

    Run negative = kubectl("patch", "agent", "coder-3", "--subresource=scale", "--type=merge", "-p", "{\"spec\":{\"replicas\":-1}}");
    Run notJson = kubectl("replace", "--raw", scalePath, "-f", write("not-json.txt", "replicas: two, please"));
    Run notANumber = kubectl("replace", "--raw", scalePath, "-f", write("two.json",
        "{\"apiVersion\":\"autoscaling/v1\",\"kind\":\"Scale\",\"metadata\":{\"name\":\"coder-3\"},\"spec\":{\"replicas\":\"two\"}}"));
    Run stale = kubectl("replace", "--raw", scalePath, "-f", write("stale.json",
        "{\"apiVersion\":\"autoscaling/v1\",\"kind\":\"Scale\",\"metadata\":{\"name\":\"coder-3\",\"resourceVersion\":\"1\"},"
            + "\"spec\":{\"replicas\":3}}"));

    assertThat(negative.exit()).isNotZero();
    assertThat(negative.out()).contains("The Agent \"coder-3\" is invalid", "spec.replicas: Invalid value: -1",
        "should be a non-negative integer");
    assertThat(notJson.exit()).isNotZero();
    assertThat(notJson.out()).contains("Error from server (BadRequest)", "not JSON");
    assertThat(notANumber.exit()).isNotZero();
    assertThat(notANumber.out()).contains("Error from server (BadRequest)", "spec.replicas", "must be an integer");
    assertThat(stale.exit()).isNotZero();
    assertThat(stale.out()).contains("Error from server (Conflict)", "the object has been modified");
    assertThat(ok("get", "agent", "coder-3", "-o", "jsonpath={.spec.replicas}")).as("nothing written").isEqualTo(before);
  }

  @Test
  void aKindWithoutAScaleSubresourceHasNoScaleAndIsLeftAlone() throws Exception {
    String typeBefore = ok("get", "agenttype", "coder", "-o", "jsonpath={.spec}");

    Run read = kubectl("get", "--raw", "/apis/agents.failover.io/v1alpha1/namespaces/agents/agenttypes/coder/scale");
    Run patch = kubectl("patch", "agenttype", "coder", "--subresource=scale", "--type=merge", "-p", "{\"spec\":{\"replicas\":2}}");

    assertThat(read.exit()).isNotZero();
    assertThat(read.out()).contains("NotFound");
    assertThat(patch.exit()).isNotZero();
    assertThat(patch.out()).contains("NotFound");
    assertThat(ok("get", "agenttype", "coder", "-o", "jsonpath={.spec}")).isEqualTo(typeBefore);
  }

  String write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content).toString();
  }

  @Test
  void getWithShortNamesAllNamespacesYamlAndJsonpath() throws Exception {
    assertThat(columns(ok("get", "ag", "-A").lines().findFirst().orElseThrow())).startsWith("NAMESPACE NAME READY TYPE TIER");
    assertThat(columns(ok("get", "agt").lines().findFirst().orElseThrow())).isEqualTo("NAME TIER-1 VALID OPEN AGE");
    assertThat(ok("get", "agenttype", "coder", "-o", "yaml")).contains("kind: AgentType", "providerChain:", "provider: deepseek");
    assertThat(ok("get", "agent", "coder-2", "-o", "jsonpath={.spec.type}")).isEqualTo("coder");
  }

  @Test
  void applyCreatesAnAgentThatTheOperatorRenders() throws Exception {
    Path manifest = dir.resolve("coder-9.yaml");
    Files.writeString(manifest, """
        apiVersion: agents.failover.io/v1alpha1
        kind: Agent
        metadata: {name: coder-9, namespace: agents}
        spec: {type: coder}
        """);

    assertThat(ok("apply", "-f", manifest.toString())).contains("agent.agents.failover.io/coder-9 created");
    await().atMost(Duration.ofSeconds(15)).until(() -> ok("get", "agent", "coder-9", "-o", "jsonpath={.status.tier}").equals("1"));
    Files.writeString(manifest, Files.readString(manifest).replace("{type: coder}", "{type: coder, replicas: 2}"));
    assertThat(ok("apply", "-f", manifest.toString())).contains("configured");
    assertThat(ok("get", "agent", "coder-9", "-o", "jsonpath={.spec.replicas}")).isEqualTo("2");
    assertThat(ok("delete", "agent", "coder-9")).contains("deleted");
    Run gone = kubectl("get", "agent", "coder-9");
    assertThat(gone.exit()).isNotZero();
    assertThat(gone.out()).contains("NotFound");
  }

  @Test
  void annotationsRoundTripThroughTheOperator() throws Exception {
    ok("annotate", "agent", "coder-4", "agents.failover.io/pause=now");
    await().atMost(Duration.ofSeconds(10)).until(() -> ok("get", "agent", "coder-4", "-o", "jsonpath={.status.paused}").equals("true"));
    assertThat(ok("get", "agent", "coder-4", "-o", "jsonpath={.metadata.annotations}")).doesNotContain("pause");
    assertThat(ok("describe", "agent", "coder-4")).contains("Events:", "Paused", "(by kubectl-annotate)");

    ok("annotate", "agent", "coder-4", "agents.failover.io/reset-tier=now");

    await().atMost(Duration.ofSeconds(10)).until(() ->
        ok("get", "agent", "coder-4", "-o", "jsonpath={.status.paused} {.status.tier}").equals("false 1"));
    assertThat(ok("get", "agent", "coder-4", "-o", "jsonpath={.metadata.annotations}")).doesNotContain("reset-tier");
  }

  @Test
  void patchTakesStrategicAndMergePatches() throws Exception {
    ok("patch", "agent", "coder-3", "-p", "{\"metadata\":{\"labels\":{\"team\":\"platform\"}}}");
    ok("patch", "agent", "coder-3", "--type", "merge", "-p", "{\"metadata\":{\"labels\":{\"tier\":\"gold\"}}}");

    assertThat(ok("get", "agent", "coder-3", "-o", "jsonpath={.metadata.labels.team} {.metadata.labels.tier}"))
        .isEqualTo("platform gold");
  }

  @Test
  void apiResourcesListsTheCustomResources() throws Exception {
    assertThat(ok("api-resources").lines().map(KubectlAgainstDemoTest::columns))
        .contains("agents ag agents.failover.io/v1alpha1 true Agent",
            "agenttypes agt agents.failover.io/v1alpha1 true AgentType");
  }

  @Test
  void getWatchStreamsChanges() throws Exception {
    List<String> command = List.of("kubectl", "get", "agents", "-w");
    Path output = dir.resolve("watch.txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().put("KUBECONFIG", demo.kubeconfig().toString());
    builder.environment().put("KUBECACHEDIR", dir.resolve("kube-cache").toString());
    Process watch = builder.start();
    Thread.sleep(6_000);
    watch.destroy();
    watch.waitFor(5, TimeUnit.SECONDS);
    List<String> lines = Files.readAllLines(output);

    assertThat(columns(lines.get(0))).startsWith("NAME READY TYPE TIER");
    assertThat(lines.size()).as("the list and then changes as they happen").isGreaterThan(5);
  }
}
