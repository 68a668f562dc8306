package io.failover.agents.operator.kubernetes;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** A Secret's values, decoded: from {@code data}, or from {@code stringData} on servers that keep it (the mock). */
public final class SecretValues {
  private SecretValues() {}

  public static Optional<String> of(Secret secret, String key) {
    if (secret.getData() != null && secret.getData().containsKey(key)) {
      return Optional.of(new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8));
    }
    if (secret.getStringData() != null) {
      return Optional.ofNullable(secret.getStringData().get(key));
    }
    return Optional.empty();
  }
}
