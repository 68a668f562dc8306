package io.failover.agents.operator.owned;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.failover.agents.api.AgentType;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Provider credentials, opt-in by label (SPEC section 12): a Secret is used only if it carries
 * {@code agents.failover.io/credentials: "true"}. Labelled Secrets come from the operator's cache;
 * a name not there is looked up once by name, only to tell the user whether it is missing or
 * merely not labelled (its data is dropped at once).
 */
public final class CredentialSecrets {
  /** A labelled Secret, or why there is none. */
  public record Lookup(Optional<Secret> secret, boolean existsWithoutLabel) {}

  private final BiFunction<String, String, Optional<Secret>> labelled;
  private final KubernetesClient client;

  public CredentialSecrets(BiFunction<String, String, Optional<Secret>> labelled, KubernetesClient client) {
    this.labelled = labelled;
    this.client = client;
  }

  Lookup find(String namespace, String name) {
    Optional<Secret> secret = labelled.apply(namespace, name).filter(CredentialSecrets::optedIn);
    if (secret.isPresent()) {
      return new Lookup(secret, false);
    }
    boolean exists = client.secrets().inNamespace(namespace).withName(name).get() != null;
    return new Lookup(Optional.empty(), exists);
  }

  static boolean optedIn(Secret secret) {
    return secret.getMetadata().getLabels() != null
        && "true".equals(secret.getMetadata().getLabels().get(AgentType.CREDENTIALS_LABEL));
  }
}
