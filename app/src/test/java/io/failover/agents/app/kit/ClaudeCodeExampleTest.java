package io.failover.agents.app.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.failover.agents.api.AgentType;
import io.failover.agents.core.spec.AgentTypeValidator;
import io.failover.agents.operator.testing.RunningOperator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Claude Code example that docs/agent-integration.md shows is valid, and the operator runs it as written. */
class ClaudeCodeExampleTest {
  static final Path EXAMPLE = KitProcess.KIT.resolve("examples/claude-code-agents.yaml");
  static final Path GUIDE = KitProcess.KIT.resolve("../docs/agent-integration.md");
  static final Path AGENT_IMAGE = KitProcess.KIT.resolve("claude-code.Dockerfile");

  @TempDir Path dir;

  @Test
  void theGuideShowsTheExampleAsItIsInTheRepository() throws IOException {
    assertThat(Files.readString(GUIDE)).contains(Files.readString(EXAMPLE).strip());
  }

  @Test
  void theExampleAgentTypeIsValid() throws IOException {
    AgentType type = new KubernetesSerialization().convertValue(items().get(0), AgentType.class);

    assertThat(AgentTypeValidator.validate(type.getSpec())).isEmpty();
  }

  @Test
  void theOperatorRendersTheExampleWithTheEnvSecretInTheAgentContainer() throws IOException {
    try (RunningOperator op = RunningOperator.start(dir)) {
      op.providerKeys();
      for (HasMetadata item : items()) {
        op.client.resource(item).create();
      }

      await().atMost(Duration.ofSeconds(10)).until(() -> op.deployment("claude-code-1").isPresent());
      Container agent = op.deployment("claude-code-1").orElseThrow().getSpec().getTemplate().getSpec().getContainers().get(0);
      assertThat(agent.getEnvFrom()).anySatisfy(source ->
          assertThat(source.getSecretRef().getName()).isEqualTo("claude-code-1-provider-env"));
      assertThat(String.join("\n", agent.getArgs())).contains("failover-claude -p \"$TASK\"");
      assertThat(op.env("claude-code-1")).containsKeys("ANTHROPIC_API_KEY", "ANTHROPIC_MODEL", "FAILOVER_REPORT_URL",
          "FAILOVER_REPORT_TOKEN");
    }
  }

  @Test
  void theAgentImageCarriesTheCommandsOfTheKit() throws IOException {
    Matcher copy = Pattern.compile("(?m)^COPY (.+) /usr/local/bin/$").matcher(Files.readString(AGENT_IMAGE));

    assertThat(copy.find()).isTrue();
    assertThat(copy.group(1).split(" ")).containsExactly("agent-kit/failover-report", "agent-kit/failover-claude",
        "agent-kit/failover-tier");
    for (String source : copy.group(1).split(" ")) {
      assertThat(KitProcess.KIT.resolve("..").resolve(source)).isExecutable();
    }
  }

  @Test
  void theAgentImageInstallsTheClaudeCodeVersionTheTestsRun() throws IOException {
    Matcher install = Pattern.compile("npm install -g [^\\n]*@anthropic-ai/claude-code@(\\S+)").matcher(Files.readString(AGENT_IMAGE));

    assertThat(install.find()).as("the image pins @anthropic-ai/claude-code@<version>").isTrue();
    assertThat(install.group(1)).isEqualTo(ClaudeCli.pinnedVersion()).matches("2\\.1\\.\\d+");
    assertThat(Files.readString(ClaudeCli.DIR.resolve("package-lock.json")))
        .contains("\"node_modules/@anthropic-ai/claude-code\": {\n      \"version\": \"" + ClaudeCli.pinnedVersion() + "\"");
  }

  @Test
  void theGuideShowsTheAgentImageAsItIsInTheRepository() throws IOException {
    assertThat(Files.readString(GUIDE)).contains(Files.readString(AGENT_IMAGE).strip());
  }

  static List<HasMetadata> items() throws IOException {
    try (InputStream in = Files.newInputStream(EXAMPLE);
        KubernetesClient client = new KubernetesClientBuilder().build()) {
      return client.load(in).items();
    }
  }
}
