package io.failover.agents.operator.owned;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.failover.agents.api.Agent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Secret {@code <agent>-provider-tiers} of switch mode PerTask: one key {@code tier-<n>.env} per
 * tier of the chain, each the complete env that tier's env Secret would hold, owned by the Agent.
 */
public final class TiersSecretRenderer {
  public static final String MOUNT_PATH = "/etc/agent-failover/tiers";

  private TiersSecretRenderer() {}

  /** @param tierEnvs the env of tier 1, 2, ... in chain order */
  public static Secret desired(Agent agent, List<Map<String, String>> tierEnvs) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(OwnedLabels.tiersSecretName(agent.getMetadata().getName()))
        .withNamespace(agent.getMetadata().getNamespace())
        .withLabels(OwnedLabels.of(agent))
        .withOwnerReferences(OwnedLabels.ownerReference(agent))
        .endMetadata()
        .withType("Opaque")
        .withData(data(tierEnvs))
        .build();
  }

  /** The files by name, before base64: what the pod sees under {@link #MOUNT_PATH}. */
  public static Map<String, String> files(List<Map<String, String>> tierEnvs) {
    Map<String, String> files = new TreeMap<>();
    for (int i = 0; i < tierEnvs.size(); i++) {
      files.put(fileName(i + 1), TierEnvFile.of(tierEnvs.get(i)));
    }
    return files;
  }

  public static String fileName(int tier) {
    return "tier-" + tier + ".env";
  }

  private static Map<String, String> data(List<Map<String, String>> tierEnvs) {
    Map<String, String> data = new TreeMap<>();
    files(tierEnvs).forEach((name, file) ->
        data.put(name, Base64.getEncoder().encodeToString(file.getBytes(StandardCharsets.UTF_8))));
    return data;
  }
}
