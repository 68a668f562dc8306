package io.failover.agents.operator.tier;

import io.failover.agents.api.AgentStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the tier endpoint answers: the failover state as committed in the Agent's status, and nothing
 * else (no secret value, no env). Two answers that are equal mean nothing a wrapper acts on changed.
 */
record TierState(int tier, String provider, String model, boolean paused, Optional<String> cooldownUntil,
    long lastOutcomeSeq) {

  /** An Agent without a status yet is on tier 1, running, with nothing applied. */
  static TierState of(AgentStatus status) {
    if (status == null) {
      return new TierState(1, null, null, false, Optional.empty(), 0);
    }
    return new TierState(status.getTier() == null ? 1 : status.getTier(), status.getProvider(), status.getModel(),
        Boolean.TRUE.equals(status.getPaused()),
        Optional.ofNullable(status.getCooldownUntil()).filter(until -> !until.isBlank()),
        status.getLastOutcomeSeq() == null ? 0 : status.getLastOutcomeSeq());
  }

  Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("tier", tier);
    body.put("provider", provider);
    body.put("model", model);
    body.put("paused", paused);
    body.put("cooldownUntil", cooldownUntil.orElse(null));
    body.put("lastOutcomeSeq", lastOutcomeSeq);
    return body;
  }
}
