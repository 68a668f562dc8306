package io.failover.agents.bench;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.failover.agents.api.Agent;
import io.failover.agents.api.AgentSpec;
import io.failover.agents.api.AgentType;
import io.failover.agents.api.AgentTypeSpec;
import io.failover.agents.operator.kubernetes.SecretValues;
import io.failover.agents.operator.owned.OwnedLabels;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * A provider-wide outage: on the per-agent scope every agent of a fleet reports a 401 at once; on the
 * Type scope (SPEC section 10) one agent reports an exhausted quota and the tier's circuit moves them
 * all. Times how long until every env Secret says tier 2, how long the reports took to be
 * acknowledged, and how many Kubernetes API requests each failover cost.
 */
final class FleetFailover {
  static final String TYPE = "fleet";

  record Result(int agents, Duration acknowledged, Duration allOnTier2, double apiRequestsPerFailover) {}

  private FleetFailover() {}

  /** Creates the fleet's type, credentials and agents, and waits until every agent is rendered on tier 1. */
  static List<String> setUp(KubernetesClient client, String namespace, int agents, boolean typeScope)
      throws InterruptedException {
    for (String key : List.of("anthropic-key", "deepseek-key")) {
      client.secrets().inNamespace(namespace).resource(new SecretBuilder()
          .withMetadata(new ObjectMetaBuilder().withName(key).withNamespace(namespace)
              .withLabels(Map.of(AgentType.CREDENTIALS_LABEL, "true")).build())
          .withData(Map.of("api-key", java.util.Base64.getEncoder().encodeToString(key.getBytes()))).build()).create();
    }
    AgentType type = new AgentType();
    type.setMetadata(new ObjectMetaBuilder().withName(TYPE).withNamespace(namespace).build());
    type.setSpec(Serialization.unmarshal("""
        providerChain:
        - {provider: anthropic, model: claude-sonnet-4-5, credentialsSecretRef: {name: anthropic-key, key: api-key}}
        - {provider: deepseek, model: deepseek-chat, credentialsSecretRef: {name: deepseek-key, key: api-key}}
        template: {spec: {containers: [{name: agent, image: example.com/agent:1}]}}
        """ + (typeScope ? "failover: {scope: Type}\n" : ""), AgentTypeSpec.class));
    client.resource(type).create();
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= agents; i++) {
      String name = "fleet-" + i;
      names.add(name);
      Agent agent = new Agent();
      agent.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
      AgentSpec spec = new AgentSpec();
      spec.setType(TYPE);
      agent.setSpec(spec);
      client.resource(agent).create();
    }
    awaitTier(client, namespace, names, "1", Duration.ofMinutes(5));
    return names;
  }

  /**
   * Every agent reports a 401 on tier 1 at once, from {@code clients} concurrent reporters; or, with
   * {@code typeScope}, the first agent alone reports a 402 (quota) and its circuit moves the fleet.
   */
  static Result run(KubernetesClient client, String namespace, String intakeBase, List<String> names, int clients,
      IntSupplier apiRequests, boolean typeScope) throws Exception {
    List<String> reporting = typeScope ? names.subList(0, 1) : names;
    String body = typeScope ? "{\"result\":\"error\",\"httpStatus\":402,\"errorType\":\"billing_error\",\"tier\":1}"
        : "{\"result\":\"error\",\"httpStatus\":401,\"tier\":1}";
    Map<String, String> tokens = new ConcurrentHashMap<>();
    for (String name : names) {
      Secret env = client.secrets().inNamespace(namespace).withName(OwnedLabels.envSecretName(name)).get();
      tokens.put(name, SecretValues.of(env, "FAILOVER_REPORT_TOKEN").orElseThrow());
    }
    Set<String> onTier2 = ConcurrentHashMap.newKeySet();
    CountDownLatch all = new CountDownLatch(names.size());
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    ExecutorService reporters = Executors.newFixedThreadPool(clients);
    try (Watch watch = watchTier2(client, namespace, onTier2, all)) {
      int requestsBefore = apiRequests.getAsInt();
      long start = System.nanoTime();
      List<Future<?>> reports = new ArrayList<>();
      for (String name : reporting) {
        reports.add(reporters.submit(() -> {
          report(http, intakeBase + name + "/outcomes", tokens.get(name), body);
          return null;
        }));
      }
      for (Future<?> report : reports) {
        report.get();
      }
      Duration acknowledged = Duration.ofNanos(System.nanoTime() - start);
      if (!all.await(5, TimeUnit.MINUTES)) {
        throw new IllegalStateException(all.getCount() + " agents did not reach tier 2 within 5 minutes");
      }
      Duration allOnTier2 = Duration.ofNanos(System.nanoTime() - start);
      // the status, Secret and Deployment writes of the last agents may still be answering: count them too
      Thread.sleep(2_000);
      double perFailover = (apiRequests.getAsInt() - requestsBefore) / (double) names.size();
      return new Result(names.size(), acknowledged, allOnTier2, perFailover);
    } finally {
      reporters.shutdownNow();
    }
  }

  private static Watch watchTier2(KubernetesClient client, String namespace, Set<String> onTier2, CountDownLatch all) {
    return client.secrets().inNamespace(namespace).withLabel(OwnedLabels.MANAGED_BY, OwnedLabels.MANAGED_BY_VALUE)
        .watch(new Watcher<>() {
          @Override
          public void eventReceived(Action action, Secret secret) {
            if ("2".equals(SecretValues.of(secret, "AGENT_TIER").orElse(""))
                && onTier2.add(secret.getMetadata().getName())) {
              all.countDown();
            }
          }

          @Override
          public void onClose(WatcherException cause) {
          }
        });
  }

  private static void report(HttpClient http, String url, String token, String body) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 202) {
      throw new IllegalStateException("report refused: " + response.statusCode() + " " + response.body());
    }
  }

  private static void awaitTier(KubernetesClient client, String namespace, List<String> names, String tier,
      Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      long rendered = client.secrets().inNamespace(namespace).withLabel(OwnedLabels.MANAGED_BY, OwnedLabels.MANAGED_BY_VALUE)
          .list().getItems().stream()
          .filter(secret -> tier.equals(SecretValues.of(secret, "AGENT_TIER").orElse(""))).count();
      if (rendered >= names.size()) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the fleet was not rendered on tier " + tier + " within " + within);
  }
}
