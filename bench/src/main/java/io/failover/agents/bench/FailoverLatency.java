package io.failover.agents.bench;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.failover.agents.operator.owned.OwnedLabels;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Report-to-Secret-rewritten latency: from posting an auth failure on tier 1 until a watch on the
 * agent's env Secret sees it rewritten for tier 2; then a success brings the agent back (the type
 * has no cooldown) and, once its status says tier 1 again, the next round starts from an idle agent.
 */
final class FailoverLatency {
  private FailoverLatency() {}

  static Percentiles measure(KubernetesClient client, String namespace, String agent, String url, String token,
      int rounds) throws Exception {
    BlockingQueue<String> tiers = new LinkedBlockingQueue<>();
    HttpClient http = HttpClient.newHttpClient();
    long[] samples = new long[rounds];
    try (Watch watch = client.secrets().inNamespace(namespace).withName(OwnedLabels.envSecretName(agent)).watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, Secret secret) {
        if (secret.getData() != null && secret.getData().containsKey("AGENT_TIER")) {
          tiers.add(new String(Base64.getDecoder().decode(secret.getData().get("AGENT_TIER")), StandardCharsets.UTF_8));
        }
      }

      @Override
      public void onClose(WatcherException cause) {
      }
    })) {
      for (int round = 0; round < rounds; round++) {
        tiers.clear();
        long start = System.nanoTime();
        post(http, url, token, "{\"result\":\"error\",\"httpStatus\":401,\"tier\":1}");
        awaitTier(tiers, "2");
        samples[round] = System.nanoTime() - start;
        post(http, url, token, "{\"result\":\"success\",\"tier\":2}");
        awaitTier(tiers, "1");
        awaitSettled(client, namespace, agent);
      }
    }
    return Percentiles.of(samples);
  }

  /** Waits for the recovery's status write, so that each round starts from an idle agent on tier 1. */
  private static void awaitSettled(KubernetesClient client, String namespace, String agent) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      var current = client.resources(io.failover.agents.api.Agent.class).inNamespace(namespace).withName(agent).get();
      if (current.getStatus() != null && current.getStatus().getTier() == 1) {
        Thread.sleep(20);
        return;
      }
      Thread.sleep(5);
    }
    throw new IllegalStateException("agent " + agent + " did not settle on tier 1 within 10 s");
  }

  private static void post(HttpClient http, String url, String token, String body) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 202) {
      throw new IllegalStateException("report refused: " + response.statusCode() + " " + response.body());
    }
  }

  private static void awaitTier(BlockingQueue<String> tiers, String tier) throws InterruptedException {
    while (true) {
      String seen = tiers.poll(10, TimeUnit.SECONDS);
      if (seen == null) {
        throw new IllegalStateException("the env Secret did not reach tier " + tier + " within 10 s");
      }
      if (seen.equals(tier)) {
        return;
      }
    }
  }
}
