package io.failover.agents.operator.owned;

import io.fabric8.kubernetes.api.model.Secret;
import java.util.Optional;

/** Reads Secrets, from the operator's informer cache in production. */
@FunctionalInterface
public interface SecretLookup {
  Optional<Secret> get(String namespace, String name);
}
