package io.failover.agents.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.failover.agents.core.provider.AgentEnv;
import io.failover.agents.operator.kubernetes.SecretValues;
import io.failover.agents.operator.owned.OwnedLabels;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated agent: it reads the environment the operator gave it (its env Secret: tier,
 * provider, report URL and token), "runs" a task against that provider and reports the outcome
 * through the real intake API, as the agent kit does in a real pod.
 */
final class SimulatedAgent {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatedAgent.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KubernetesClient client;
  private final String namespace;
  private final String name;
  private final ProviderWeather weather;
  private final Instant start;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  SimulatedAgent(KubernetesClient client, String namespace, String name, ProviderWeather weather, Instant start) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
    this.weather = weather;
    this.start = start;
  }

  String name() {
    return name;
  }

  /** Runs one task and reports it; quietly does nothing while the agent has no env (paused pods do not run either). */
  void runOneTask() {
    Secret env = client.secrets().inNamespace(namespace).withName(OwnedLabels.envSecretName(name)).get();
    if (env == null) {
      return;
    }
    Optional<String> url = SecretValues.of(env, AgentEnv.FAILOVER_REPORT_URL);
    Optional<String> token = SecretValues.of(env, AgentEnv.FAILOVER_REPORT_TOKEN);
    Optional<String> provider = SecretValues.of(env, AgentEnv.AGENT_PROVIDER);
    Optional<String> tier = SecretValues.of(env, AgentEnv.AGENT_TIER);
    if (url.isEmpty() || token.isEmpty() || provider.isEmpty() || tier.isEmpty()) {
      return;
    }
    ProviderWeather.Answer answer = weather.answer(name, provider.get(), Duration.between(start, Instant.now()));
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url.get()))
          .timeout(Duration.ofSeconds(5))
          .header("Authorization", "Bearer " + token.get())
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body(answer, provider.get(), Integer.parseInt(tier.get()))))
          .build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 202 && response.statusCode() != 200) {
        LOG.warn("{}: the operator answered {} {}", name, response.statusCode(), response.body());
      }
    } catch (java.io.IOException unreachable) {
      LOG.debug("{}: operator unreachable: {}", name, unreachable.getMessage());
    } catch (InterruptedException stopped) {
      Thread.currentThread().interrupt();
    }
  }

  private static String body(ProviderWeather.Answer answer, String provider, int tier) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", UUID.randomUUID().toString());
    body.put("result", answer.success() ? "success" : "error");
    answer.httpStatus().ifPresent(status -> body.put("httpStatus", status));
    answer.errorType().ifPresent(type -> body.put("errorType", type));
    answer.errorCode().ifPresent(code -> body.put("errorCode", code));
    answer.message().ifPresent(message -> body.put("message", message));
    answer.retryAfterSeconds().ifPresent(seconds -> body.put("retryAfterSeconds", seconds));
    body.put("tier", tier);
    body.put("provider", provider);
    body.put("inputTokens", answer.inputTokens());
    body.put("outputTokens", answer.outputTokens());
    try {
      return JSON.writeValueAsString(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
