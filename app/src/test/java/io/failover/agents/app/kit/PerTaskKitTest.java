package io.failover.agents.app.kit;

import static io.failover.agents.operator.testing.RunningOperator.NS;
import static io.failover.agents.operator.testing.RunningOperator.THREE_TIERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.Secret;
import io.failover.agents.api.Agent;
import io.failover.agents.core.outcome.Outcome;
import io.failover.agents.core.outcome.Report;
import io.failover.agents.operator.kubernetes.SecretValues;
import io.failover.agents.operator.testing.RunningOperator;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent kit in switch mode PerTask, the real scripts against a running operator: each task runs
 * on the tier the operator names, with that tier's env file as the operator wrote it (copied where
 * the kubelet would mount it), and its report carries that tier.
 */
class PerTaskKitTest {
  /** A tier env value no shell may alter: quotes, a dollar, a backslash, spaces and a newline. */
  static final String AWKWARD = "it's \"$HOME\" \\n  two\nlines ";

  @TempDir Path dir;
  RunningOperator op;
  Map<String, String> env;
  Path tiers;
  String uid;

  @BeforeEach
  void start() throws IOException {
    op = RunningOperator.with().reportUrlToItself().start(dir.resolve("operator"));
    op.providerKeys();
    String yamlQuoted = "\"" + AWKWARD.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    op.agentType("coder", THREE_TIERS.replace("model: deepseek-chat", "model: deepseek-chat\n  env: {AWKWARD: "
        + yamlQuoted + "}") + "switchMode: PerTask\n");
    op.agent("coder-1", "coder");
    await().atMost(Duration.ofSeconds(10)).until(() -> tiersSecret().isPresent());
    uid = op.get("coder-1").getMetadata().getUid();
    env = new HashMap<>(op.env("coder-1"));
    env.put("FAILOVER_REPORT_BACKOFF", "0.05");
    env.put("FAILOVER_REPORT_ATTEMPTS", "3");
    tiers = dir.resolve("tiers");
    env.put("FAILOVER_TIERS_DIR", tiers.toString());
    mountTiers();
  }

  @AfterEach
  void stop() {
    op.close();
  }

  java.util.Optional<Secret> tiersSecret() {
    return java.util.Optional.ofNullable(op.client.secrets().inNamespace(NS).withName("coder-1-provider-tiers").get());
  }

  /** What the kubelet does with the mounted Secret: one file per key. */
  void mountTiers() throws IOException {
    Files.createDirectories(tiers);
    Secret secret = tiersSecret().orElseThrow();
    for (String key : secret.getData().keySet()) {
      Files.writeString(tiers.resolve(key), SecretValues.of(secret, key).orElseThrow(), StandardCharsets.UTF_8);
    }
  }

  /** A CLI stand-in that writes the tier, the key it was given and the awkward value, then succeeds. */
  Path standInCli() throws IOException {
    Path script = dir.resolve("claude");
    Files.writeString(script, "#!/bin/sh\n"
        + "printf '%s' \"$AGENT_TIER\" > '" + dir.resolve("tier.txt") + "'\n"
        + "printf '%s' \"${ANTHROPIC_AUTH_TOKEN:-$ANTHROPIC_API_KEY}\" > '" + dir.resolve("key.txt") + "'\n"
        + "printf '%s' \"${AWKWARD:-}\" > '" + dir.resolve("awkward.txt") + "'\n"
        + "printf '%s' \"${ANTHROPIC_API_KEY-unset}\" > '" + dir.resolve("anthropic-key.txt") + "'\n"
        + "echo '{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"result\":\"done\","
        + "\"usage\":{\"input_tokens\":10,\"output_tokens\":2}}'\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  KitProcess.Result claudeTask() throws Exception {
    assumeTrue(KitProcess.installed("node"), "Node.js is not installed; the Claude Code wrapper needs it");
    env.put("FAILOVER_CLAUDE_BIN", standInCli().toString());
    return KitProcess.run(KitProcess.claudeWrapper("-p", "task"), env, dir);
  }

  String recorded(String file) throws IOException {
    return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
  }

  List<Outcome> stored() {
    return op.ledger().outcomesAfter(uid, 0, 100);
  }

  @Test
  void theTaskRunsOnTheTierTheOperatorNamesNotTheOneThePodStartedWith() throws Exception {
    op.report("coder-1", Report.failed(401).onTier(1));
    await().atMost(Duration.ofSeconds(10)).until(() -> op.get("coder-1").getStatus().getTier() == 2);
    assertThat(env).containsEntry("AGENT_TIER", "1");

    KitProcess.Result result = claudeTask();

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(recorded("tier.txt")).isEqualTo("2");
    assertThat(recorded("key.txt")).isEqualTo("sk-ds-one");
    assertThat(recorded("awkward.txt")).isEqualTo(AWKWARD);
    assertThat(recorded("anthropic-key.txt")).as("tier 1's key, which the pod started with").isEqualTo("unset");
    await().atMost(Duration.ofSeconds(5)).until(() -> stored().size() == 2);
    assertThat(stored().get(1).tier()).contains(2);
  }

  @Test
  void theRealClaudeCodeSendsItsTaskToTheTiersProviderWithThatTiersKeyOnly() throws Exception {
    assumeTrue(KitProcess.installed("node"), "Node.js is not installed; the Claude Code wrapper needs it");
    ClaudeCli.require();
    try (AnthropicStub stub = new AnthropicStub(AnthropicStub.message(120, 30, AnthropicStub.text("done")));
        RefusingProxy proxy = new RefusingProxy()) {
      // tier 2 is DeepSeek's Anthropic-compatible API, here the stub
      op.agentType("coder", THREE_TIERS.replace("model: deepseek-chat", "model: deepseek-chat\n  baseUrl: " + stub.baseUrl())
          + "switchMode: PerTask\n");
      await().atMost(Duration.ofSeconds(10)).until(() -> SecretValues.of(tiersSecret().orElseThrow(), "tier-2.env")
          .orElseThrow().contains(stub.baseUrl()));
      mountTiers();
      op.report("coder-1", Report.failed(401).onTier(1));
      await().atMost(Duration.ofSeconds(10)).until(() -> op.get("coder-1").getStatus().getTier() == 2);
      Map<String, String> startUp = new HashMap<>(env);
      env.putAll(ClaudeCli.env(dir.resolve("home"), "https://api.anthropic.com", proxy));
      env.putAll(startUp);

      KitProcess.Result result = KitProcess.run(KitProcess.claudeWrapper("-p", "task"), env, dir);

      assertThat(result.exit()).as(result.err()).isZero();
      assertThat(stub.messageRequests()).isNotEmpty().allSatisfy(request -> {
        assertThat(request.authorization()).isEqualTo("Bearer sk-ds-one");
        assertThat(request.apiKey()).isNull();
      }).anySatisfy(request -> assertThat(request.model()).isEqualTo("deepseek-chat"));
      await().atMost(Duration.ofSeconds(5)).until(() -> stored().size() == 2);
      assertThat(stored().get(1).tier()).contains(2);
    }
  }

  @Test
  void anUnreachableOperatorMeansTheLastTierKnownElseTheStartUpEnvSaidOnStderr() throws Exception {
    try (ServerSocket closed = new ServerSocket(0)) {
      String unreachable = "http://127.0.0.1:" + closed.getLocalPort() + "/api/v1/namespaces/agents/agents/coder-1/outcomes";
      env.put("FAILOVER_REPORT_URL", unreachable);
      env.put("FAILOVER_REPORT_ATTEMPTS", "1");
    }
    KitProcess.Result first = claudeTask();
    assertThat(first.err()).contains("cannot ask the operator for the tier", "running on the start-up env (tier 1)");
    assertThat(recorded("tier.txt")).isEqualTo("1");

    Files.writeString(dir.resolve("failover-tier.coder-1"), "3\n");
    KitProcess.Result second = claudeTask();
    assertThat(second.err()).contains("running on tier 3, the last one it named");
    assertThat(recorded("tier.txt")).isEqualTo("3");
    assertThat(recorded("key.txt")).isEqualTo("ollama");
  }

  @Test
  void thePlainReporterIsStampedWithTheTierItsTaskRanOn() throws Exception {
    op.report("coder-1", Report.failed(401).onTier(1));
    await().atMost(Duration.ofSeconds(10)).until(() -> op.get("coder-1").getStatus().getTier() == 2);

    KitProcess.Result result = KitProcess.run(List.of("sh", KitProcess.KIT.resolve("failover-tier").toString(), "--",
        "sh", KitProcess.KIT.resolve("failover-report").toString(), "--result", "success"), env, dir);

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(stored()).hasSize(2);
    assertThat(stored().get(1).tier()).contains(2);
  }

  @Test
  void theTaskKeepsTheUmaskItWasGivenAndAFractionalTimeoutIsRefusedByName() throws Exception {
    KitProcess.Result result = KitProcess.run(List.of("sh", "-c", "umask 022; exec sh \"$0\" -- sh -c umask",
        KitProcess.KIT.resolve("failover-tier").toString()), env, dir);

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out().trim()).isEqualTo("0022");

    env.put("FAILOVER_TIER_TIMEOUT", "0.5");
    KitProcess.Result refused = KitProcess.run(List.of("sh", KitProcess.KIT.resolve("failover-tier").toString(), "--",
        "true"), env, dir);

    assertThat(refused.exit()).isNotZero();
    assertThat(refused.err()).contains("FAILOVER_TIER_TIMEOUT");
  }

  @Test
  void whilePausedNoTaskStartsUntilTheOperatorUnpauses() throws Exception {
    assumeTrue(KitProcess.installed("node"), "Node.js is not installed; the Claude Code wrapper needs it");
    op.annotate("coder-1", Agent.PAUSE_ANNOTATION, "now");
    await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.TRUE.equals(op.get("coder-1").getStatus().getPaused()));
    env.put("FAILOVER_CLAUDE_BIN", standInCli().toString());

    Process wrapper = KitProcess.start(KitProcess.claudeWrapper("-p", "task"), env, dir);
    await().atMost(Duration.ofSeconds(10)).until(() -> op.tierWaiting() == 1);
    assertThat(dir.resolve("tier.txt")).doesNotExist();
    op.annotate("coder-1", Agent.UNPAUSE_ANNOTATION, "now");
    KitProcess.Result result = KitProcess.finish(wrapper, dir);

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.err()).contains("the agent is paused; no task starts until the operator unpauses it");
    assertThat(recorded("tier.txt")).isEqualTo("1");
  }

  @Test
  void aSigtermWhilePausedStartsNothingAndReportsNothing() throws Exception {
    assumeTrue(KitProcess.installed("node"), "Node.js is not installed; the Claude Code wrapper needs it");
    op.annotate("coder-1", Agent.PAUSE_ANNOTATION, "now");
    await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.TRUE.equals(op.get("coder-1").getStatus().getPaused()));
    env.put("FAILOVER_CLAUDE_BIN", standInCli().toString());
    int before = stored().size();

    Process wrapper = KitProcess.start(KitProcess.claudeWrapper("-p", "task"), env, dir);
    await().atMost(Duration.ofSeconds(10)).until(() -> op.tierWaiting() == 1);
    wrapper.destroy();
    KitProcess.Result result = KitProcess.finish(wrapper, dir);

    assertThat(result.exit()).isEqualTo(143);
    assertThat(result.err()).contains("stopped by SIGTERM; no task started");
    assertThat(dir.resolve("tier.txt")).doesNotExist();
    assertThat(stored()).hasSize(before);
  }
}
