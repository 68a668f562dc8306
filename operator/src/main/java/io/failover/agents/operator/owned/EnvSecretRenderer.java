package io.failover.agents.operator.owned;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.failover.agents.api.Agent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** The env Secret {@code <agent>-provider-env}: the active tier's environment, owned by the Agent. */
public final class EnvSecretRenderer {
  private EnvSecretRenderer() {}

  public static Secret desired(Agent agent, Map<String, String> env) {
    Map<String, String> data = new TreeMap<>();
    env.forEach((key, value) -> data.put(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
    return new SecretBuilder()
        .withNewMetadata()
        .withName(OwnedLabels.envSecretName(agent.getMetadata().getName()))
        .withNamespace(agent.getMetadata().getNamespace())
        .withLabels(OwnedLabels.of(agent))
        .withOwnerReferences(OwnedLabels.ownerReference(agent))
        .endMetadata()
        .withType("Opaque")
        .withData(data)
        .build();
  }

  /** A hash of a Secret's data: the pod-template annotation that rolls the pod when the env changes. */
  public static String dataHash(Map<String, String> data) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      new TreeMap<>(data).forEach((key, value) -> {
        digest.update(key.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(value.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      });
      return HexFormat.of().formatHex(digest.digest()).substring(0, 32);
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
