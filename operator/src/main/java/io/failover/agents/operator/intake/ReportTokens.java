package io.failover.agents.operator.intake;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.fabric8.kubernetes.api.model.Secret;
import io.failover.agents.core.provider.AgentEnv;
import io.failover.agents.operator.kubernetes.SecretValues;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Each agent's report token, in one place: minted once (32 random bytes) and kept in the agent's env
 * Secret, so it is stable across tier changes and operator restarts (a deleted env Secret gets a new
 * one, and the re-created Secret rolls the pod with it); checked against a report's bearer token in
 * constant time, each Secret version decoded once rather than on every report.
 */
public final class ReportTokens {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MAX_ENTRIES = 100_000;

  private record Version(String uid, String resourceVersion) {}

  private final Cache<Version, Optional<byte[]>> decoded = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).build();

  /** The token an env Secret already holds, else a new one. */
  public static String keptOrMinted(Optional<Secret> envSecret) {
    return envSecret.flatMap(ReportTokens::held)
        .filter(token -> !token.isBlank())
        .orElseGet(ReportTokens::mint);
  }

  /** Whether a bearer token is the one this env Secret holds. */
  public boolean matches(Secret envSecret, String token) {
    String uid = envSecret.getMetadata().getUid();
    String version = envSecret.getMetadata().getResourceVersion();
    Optional<byte[]> expected = uid == null || version == null ? bytes(envSecret)
        : decoded.get(new Version(uid, version), key -> bytes(envSecret));
    return expected.isPresent() && MessageDigest.isEqual(expected.get(), token.getBytes(StandardCharsets.UTF_8));
  }

  private static Optional<String> held(Secret envSecret) {
    return SecretValues.of(envSecret, AgentEnv.FAILOVER_REPORT_TOKEN);
  }

  private static Optional<byte[]> bytes(Secret envSecret) {
    return held(envSecret).map(token -> token.getBytes(StandardCharsets.UTF_8));
  }

  private static String mint() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
