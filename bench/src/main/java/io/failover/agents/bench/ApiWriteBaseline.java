package io.failover.agents.bench;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/** The floor under a failover: one Secret update against the same embedded API, timed round trip. */
final class ApiWriteBaseline {
  private ApiWriteBaseline() {}

  static Percentiles measure(KubernetesClient client, String namespace, int writes) {
    Secret secret = client.secrets().inNamespace(namespace).resource(new SecretBuilder()
        .withNewMetadata().withName("bench-baseline").withNamespace(namespace).endMetadata()
        .withData(Map.of("N", "MA==")).build()).create();
    long[] samples = new long[writes];
    for (int i = 0; i < writes; i++) {
      secret.setData(Map.of("N", java.util.Base64.getEncoder().encodeToString(Integer.toString(i).getBytes())));
      long start = System.nanoTime();
      secret = client.secrets().inNamespace(namespace).resource(secret).update();
      samples[i] = System.nanoTime() - start;
    }
    return Percentiles.of(samples);
  }
}
