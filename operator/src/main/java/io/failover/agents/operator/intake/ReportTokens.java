package io.failover.agents.operator.reconcile;

import io.fabric8.kubernetes.api.model.Secret;
import io.failover.agents.core.provider.AgentEnv;
import io.failover.agents.operator.render.EnvSecretRenderer;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Each agent's report token: random, minted once and then read back from its env Secret, so it is
 * stable across tier changes and operator restarts (a deleted env Secret gets a new one, and the
 * re-created Secret rolls the pod with it).
 */
final class ReportTokens {
  private static final SecureRandom RANDOM = new SecureRandom();

  private ReportTokens() {}

  static String keptOrNew(Optional<Secret> envSecret) {
    return envSecret.flatMap(secret -> EnvSecretRenderer.value(secret, AgentEnv.FAILOVER_REPORT_TOKEN))
        .filter(token -> !token.isBlank())
        .orElseGet(ReportTokens::mint);
  }

  private static String mint() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
