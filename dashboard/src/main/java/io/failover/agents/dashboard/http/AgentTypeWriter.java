package io.failover.agents.dashboard.http;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.failover.agents.api.AgentType;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Replaces an AgentType (PUT with its resourceVersion) as the field manager {@value FieldManager#NAME}:
 * fabric8 names a field manager on patches only, so the request is made here.
 */
final class AgentTypeWriter {
  private final KubernetesClient client;

  AgentTypeWriter(KubernetesClient client) {
    this.client = client;
  }

  AgentType replace(AgentType type) {
    String url = client.getConfiguration().getMasterUrl().replaceAll("/+$", "") + "/apis/" + AgentType.GROUP + "/"
        + AgentType.VERSION + "/namespaces/" + encode(type.getMetadata().getNamespace()) + "/agenttypes/"
        + encode(type.getMetadata().getName()) + "?fieldManager=" + FieldManager.NAME;
    HttpRequest request = client.getHttpClient().newHttpRequestBuilder().uri(URI.create(url))
        .header("Accept", "application/json")
        .put("application/json", client.getKubernetesSerialization().asJson(type))
        .build();
    HttpResponse<String> response;
    try {
      response = client.getHttpClient().sendAsync(request, String.class).get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException failed) {
      throw new KubernetesClientException("the Kubernetes API did not answer the update: " + failed.getMessage(), failed);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new KubernetesClientException("interrupted while updating the AgentType", interrupted);
    }
    if (response.isSuccessful()) {
      return client.getKubernetesSerialization().unmarshal(response.body(), AgentType.class);
    }
    Status status;
    try {
      status = client.getKubernetesSerialization().unmarshal(response.body(), Status.class);
    } catch (RuntimeException notAStatus) {
      status = null;
    }
    if (status == null || status.getCode() == null) {
      throw new KubernetesClientException("the Kubernetes API answered " + response.code(), response.code(), null);
    }
    throw new KubernetesClientException(status);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
