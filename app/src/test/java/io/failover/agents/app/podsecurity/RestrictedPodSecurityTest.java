package io.failover.agents.app.podsecurity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.failover.agents.api.Agent;
import io.failover.agents.api.AgentSpec;
import io.failover.agents.operator.inputs.PodTemplateReader;
import io.failover.agents.operator.owned.DeploymentRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pods we hand to users run in a namespace that enforces the "restricted" Pod Security profile:
 * every AgentType in docs/examples and agent-kit/examples, as the operator renders its Deployment,
 * and every rule of the profile caught on a pod that breaks it.
 */
class RestrictedPodSecurityTest {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final String RESTRICTED_POD = """
      securityContext: {runAsNonRoot: true, runAsUser: 1000, seccompProfile: {type: RuntimeDefault}}
      containers:
      - name: agent
        image: example/agent:1
        securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
      volumes:
      - {name: work, emptyDir: {}}
      """;

  static Stream<Path> publishedFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String folder : List.of("../docs/examples", "../agent-kit/examples")) {
      try (Stream<Path> list = Files.list(Path.of(folder))) {
        list.filter(file -> file.toString().endsWith(".yaml")).sorted().forEach(files::add);
      }
    }
    return files.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("publishedFiles")
  void everyAgentTypesRenderedPodIsAdmittedByTheRestrictedProfile(Path file) throws IOException {
    for (JsonNode document : YAML.readValues(YAML.getFactory().createParser(file.toFile()), JsonNode.class).readAll()) {
      if (document != null && "AgentType".equals(document.path("kind").asText())) {
        Deployment rendered = DeploymentRenderer.desired(agentOf(document), PodTemplateReader.read(document.at("/spec/template")).template(),
            "hash", 1, "PerTask".equals(document.at("/spec/switchMode").asText()));
        JsonNode pod = new ObjectMapper().valueToTree(rendered.getSpec().getTemplate().getSpec());

        assertThat(RestrictedPodSecurity.violations(pod)).as("%s in %s", document.at("/metadata/name").asText(), file).isEmpty();
      }
    }
  }

  @Test
  void theExamplesHoldAgentTypes() throws IOException {
    long types = 0;
    for (Path file : publishedFiles().toList()) {
      types += Files.readString(file).lines().filter(line -> line.equals("kind: AgentType")).count();
    }
    assertThat(types).isGreaterThanOrEqualTo(2);
  }

  @Test
  void aPodThatFollowsTheProfileIsAdmitted() throws IOException {
    assertThat(RestrictedPodSecurity.violations(YAML.readTree(RESTRICTED_POD))).isEmpty();
  }

  @Test
  void eachRuleOfTheProfileIsEnforced() throws IOException {
    assertBreaks(pod -> pod.put("hostNetwork", true), "spec.hostNetwork: host namespaces are forbidden");
    assertBreaks(pod -> pod.put("hostPID", true), "spec.hostPID: host namespaces are forbidden");
    assertBreaks(pod -> pod.put("hostIPC", true), "spec.hostIPC: host namespaces are forbidden");
    assertBreaks(pod -> ((ObjectNode) pod.withArray("volumes").get(0)).putObject("hostPath").put("path", "/"),
        "spec.volumes[work]: volume type hostPath is forbidden");
    assertBreaks(pod -> pod.withArray("volumes").addObject().put("name", "nfs").putObject("nfs"),
        "spec.volumes[nfs]: volume type nfs is forbidden");
    assertBreaks(pod -> container(pod).put("privileged", true), "containers[0] (agent).securityContext.privileged: must not be true");
    assertBreaks(pod -> container(pod).remove("allowPrivilegeEscalation"),
        "containers[0] (agent).securityContext.allowPrivilegeEscalation: must be false");
    assertBreaks(pod -> container(pod).putObject("capabilities").putArray("drop").add("NET_RAW"),
        "containers[0] (agent).securityContext.capabilities.drop: must include ALL");
    assertBreaks(pod -> container(pod).with("capabilities").putArray("add").add("SYS_ADMIN"),
        "containers[0] (agent).securityContext.capabilities.add: SYS_ADMIN is forbidden (only NET_BIND_SERVICE)");
    assertBreaks(pod -> ((ObjectNode) pod.get("securityContext")).remove("runAsNonRoot"),
        "containers[0] (agent).securityContext.runAsNonRoot: must be true (here or in spec.securityContext)");
    assertBreaks(pod -> container(pod).put("runAsNonRoot", false), "containers[0] (agent).securityContext.runAsNonRoot: must not be false");
    assertBreaks(pod -> container(pod).put("runAsUser", 0), "containers[0] (agent).securityContext.runAsUser: must not be 0");
    assertBreaks(pod -> ((ObjectNode) pod.get("securityContext")).remove("seccompProfile"),
        "containers[0] (agent).securityContext.seccompProfile.type: must be RuntimeDefault or Localhost (here or in spec.securityContext)");
    assertBreaks(pod -> container(pod).putObject("seccompProfile").put("type", "Unconfined"),
        "containers[0] (agent).securityContext.seccompProfile.type: Unconfined is forbidden");
    assertBreaks(pod -> container(pod).putObject("appArmorProfile").put("type", "Unconfined"),
        "containers[0] (agent).securityContext.appArmorProfile.type: Unconfined is forbidden");
    assertBreaks(pod -> container(pod).putObject("seLinuxOptions").put("type", "spc_t"),
        "containers[0] (agent).securityContext.seLinuxOptions.type: spc_t is forbidden");
    assertBreaks(pod -> container(pod).put("procMount", "Unmasked"), "containers[0] (agent).securityContext.procMount: must be Default");
    assertBreaks(pod -> ((ObjectNode) pod.withArray("containers").get(0)).putArray("ports").addObject().put("containerPort", 80).put("hostPort", 80),
        "containers[0] (agent).ports: hostPort 80 is forbidden");
    assertBreaks(pod -> ((ObjectNode) pod.get("securityContext")).putArray("sysctls").addObject().put("name", "kernel.msgmax"),
        "spec.securityContext.sysctls: kernel.msgmax is not a safe sysctl");
    assertBreaks(pod -> pod.putArray("initContainers").addObject().put("name", "setup"),
        "initContainers[0] (setup).securityContext.allowPrivilegeEscalation: must be false");
  }

  private static void assertBreaks(Consumer<ObjectNode> change, String violation) throws IOException {
    ObjectNode pod = (ObjectNode) YAML.readTree(RESTRICTED_POD);
    change.accept(pod);
    assertThat(RestrictedPodSecurity.violations(pod)).contains(violation);
  }

  private static ObjectNode container(ObjectNode pod) {
    return (ObjectNode) pod.withArray("containers").get(0).get("securityContext");
  }

  private static Agent agentOf(JsonNode type) {
    Agent agent = new Agent();
    agent.setMetadata(new ObjectMetaBuilder().withName(type.at("/metadata/name").asText() + "-1")
        .withNamespace(type.at("/metadata/namespace").asText()).withUid("uid").build());
    agent.setSpec(new AgentSpec());
    agent.getSpec().setType(type.at("/metadata/name").asText());
    return agent;
  }
}
