package io.failover.agents.demo;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The manifests of docs/examples (packaged in the jar), created as `kubectl apply -f docs/examples/` would. */
public final class ExampleManifests {
  static final List<String> FILES =
      List.of("00-namespace.yaml", "10-provider-keys.yaml", "20-agenttype-coder.yaml",
          "21-agenttype-coder-pertask.yaml", "30-agents.yaml");

  private ExampleManifests() {}

  public static void apply(KubernetesClient client) {
    for (String file : FILES) {
      try (InputStream in = ExampleManifests.class.getResourceAsStream("/examples/" + file)) {
        if (in == null) {
          throw new IllegalStateException("the example " + file + " is not in the jar");
        }
        for (HasMetadata item : client.load(in).items()) {
          create(client, asTheApiServerStoresIt(item));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static void create(KubernetesClient client, HasMetadata item) {
    try {
      client.resource(item).create();
    } catch (KubernetesClientException exists) {
      if (exists.getCode() != 409) {
        throw exists;
      }
    }
  }

  /** A real API server turns a Secret's stringData into data; the embedded one keeps what it is given. */
  static HasMetadata asTheApiServerStoresIt(HasMetadata item) {
    if (item instanceof Secret secret && secret.getStringData() != null && !secret.getStringData().isEmpty()) {
      Map<String, String> data = new HashMap<>(secret.getData() == null ? Map.of() : secret.getData());
      secret.getStringData().forEach((key, value) ->
          data.put(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
      secret.setData(data);
      secret.setStringData(null);
    }
    return item;
  }
}
