package io.failover.agents.bench;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.failover.agents.operator.kubernetes.SecretValues;
import io.failover.agents.operator.owned.OwnedLabels;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Switch mode PerTask end to end: a real agent loop ({@code failover-claude} from the agent kit, one
 * stand-in CLI process per task, with the agent's tier files where the kubelet would mount them)
 * keeps running tasks; each round posts an auth failure for tier 1 and measures from its 202 until
 * the stand-in CLI logs a task started with {@code AGENT_TIER=2}. The tasks' own success reports bring
 * the agent back to tier 1 (the type has no cooldown), which ends the round. A watch on the agent's
 * Deployment counts every change of its pod template: a rollout.
 */
final class PerTaskSwitching {
  record Result(Percentiles latency, int rollouts, int tasks) {}

  private PerTaskSwitching() {}

  static Result measure(KubernetesClient client, String namespace, String agent, String outcomesUrl, Path agentKit,
      int rounds) throws Exception {
    Path dir = Files.createTempDirectory("agent-failover-pertask");
    Path tiers = mountTiers(client, namespace, agent, dir.resolve("tiers"));
    Path log = dir.resolve("tasks.log");
    Files.createFile(log);
    Map<String, String> env = decoded(client.secrets().inNamespace(namespace)
        .withName(OwnedLabels.envSecretName(agent)).get());
    AtomicInteger rollouts = new AtomicInteger();
    AtomicReference<PodTemplateSpec> template = new AtomicReference<>(
        client.apps().deployments().inNamespace(namespace).withName(agent).get().getSpec().getTemplate());
    HttpClient http = HttpClient.newHttpClient();
    Process loop = startAgentLoop(agentKit, standInCli(dir, log), tiers, env, outcomesUrl, dir);
    long[] samples = new long[rounds];
    try (Watch watch = client.apps().deployments().inNamespace(namespace).withName(agent).watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, Deployment deployment) {
        PodTemplateSpec now = deployment.getSpec().getTemplate();
        if (!now.equals(template.getAndSet(now))) {
          rollouts.incrementAndGet();
        }
      }

      @Override
      public void onClose(WatcherException cause) {
      }
    })) {
      awaitTask(log, 0, "1", Duration.ofSeconds(30));
      for (int round = 0; round < rounds; round++) {
        long accepted = post(http, outcomesUrl, env.get("FAILOVER_REPORT_TOKEN"),
            "{\"result\":\"error\",\"httpStatus\":401,\"tier\":1}");
        long startedOnTier2 = awaitTask(log, accepted, "2", Duration.ofSeconds(10));
        samples[round] = startedOnTier2 - accepted;
        awaitTask(log, startedOnTier2, "1", Duration.ofSeconds(10));
      }
    } finally {
      loop.destroy();
      loop.waitFor();
    }
    return new Result(Percentiles.of(samples), rollouts.get(), Files.readAllLines(log).size());
  }

  /** What the kubelet does with the mounted tiers Secret: one file per key. */
  private static Path mountTiers(KubernetesClient client, String namespace, String agent, Path tiers) throws IOException {
    Secret secret = client.secrets().inNamespace(namespace).withName(OwnedLabels.tiersSecretName(agent)).get();
    if (secret == null) {
      throw new IllegalStateException("the operator wrote no tiers Secret for " + agent);
    }
    Files.createDirectories(tiers);
    for (Map.Entry<String, String> file : decoded(secret).entrySet()) {
      Files.writeString(tiers.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
    }
    return tiers;
  }

  /** A CLI that logs when it started and on which tier, and succeeds at once. */
  private static Path standInCli(Path dir, Path log) throws IOException {
    Path cli = dir.resolve("claude");
    Files.writeString(cli, "#!/bin/sh\nprintf '%s %s\\n' \"$(date +%s%N)\" \"$AGENT_TIER\" >> '" + log + "'\n"
        + "echo '{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"result\":\"done\","
        + "\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}'\n");
    Files.setPosixFilePermissions(cli, PosixFilePermissions.fromString("rwx------"));
    return cli;
  }

  private static Process startAgentLoop(Path agentKit, Path cli, Path tiers, Map<String, String> env, String outcomesUrl,
      Path dir) throws IOException {
    Path wrapper = agentKit.resolve("failover-claude").toAbsolutePath();
    if (!Files.isReadable(wrapper)) {
      throw new IllegalStateException(wrapper + " not found; run from the repository root or pass --agent-kit");
    }
    ProcessBuilder builder = new ProcessBuilder("sh", "-c",
        "trap 'exit 0' TERM; while :; do node \"$0\" -p task > /dev/null || sleep 0.05; done", wrapper.toString())
        .redirectError(dir.resolve("agent.err").toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().putAll(env);
    builder.environment().putAll(Map.of("FAILOVER_REPORT_URL", outcomesUrl, "FAILOVER_CLAUDE_BIN", cli.toString(),
        "FAILOVER_TIERS_DIR", tiers.toString(), "TMPDIR", dir.toString()));
    return builder.start();
  }

  /** The time the first task on {@code tier} after {@code afterNanos} started (epoch nanoseconds), from the CLI's log. */
  private static long awaitTask(Path log, long afterNanos, String tier, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : Files.readAllLines(log)) {
        String[] fields = line.split(" ");
        if (fields.length == 2 && fields[1].equals(tier) && Long.parseLong(fields[0]) > afterNanos) {
          return Long.parseLong(fields[0]);
        }
      }
      Thread.sleep(2);
    }
    throw new IllegalStateException("no task started on tier " + tier + " within " + within.toSeconds() + " s");
  }

  private static Map<String, String> decoded(Secret secret) {
    Map<String, String> values = new java.util.TreeMap<>();
    secret.getData().keySet().forEach(key -> values.put(key, SecretValues.of(secret, key).orElseThrow()));
    return values;
  }

  /** Posts a report and answers when its 202 arrived, in epoch nanoseconds (the CLI's log clock). */
  private static long post(HttpClient http, String url, String token, String body) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    Instant now = Instant.now();
    if (response.statusCode() != 202) {
      throw new IllegalStateException("report refused: " + response.statusCode() + " " + response.body());
    }
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
