package io.failover.agents.operator.intake;

import io.fabric8.kubernetes.api.model.Secret;
import io.failover.agents.core.provider.AgentEnv;
import io.failover.agents.operator.render.EnvSecretRenderer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Each env Secret's report token, decoded once per Secret version rather than on every report. */
final class ReportTokenCache {
  private static final int MAX_ENTRIES = 100_000;

  private record Key(String uid, String resourceVersion) {}

  private final Map<Key, Optional<byte[]>> tokens = new ConcurrentHashMap<>();

  Optional<byte[]> of(Secret envSecret) {
    String uid = envSecret.getMetadata().getUid();
    String version = envSecret.getMetadata().getResourceVersion();
    if (uid == null || version == null) {
      return decode(envSecret);
    }
    if (tokens.size() > MAX_ENTRIES) {
      tokens.clear();
    }
    return tokens.computeIfAbsent(new Key(uid, version), key -> decode(envSecret));
  }

  private static Optional<byte[]> decode(Secret envSecret) {
    return EnvSecretRenderer.value(envSecret, AgentEnv.FAILOVER_REPORT_TOKEN)
        .map(token -> token.getBytes(StandardCharsets.UTF_8));
  }
}
