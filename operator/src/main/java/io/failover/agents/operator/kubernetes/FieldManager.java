package io.failover.agents.operator.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.util.Optional;

/**
 * Names the operator as the field manager of every write it makes (SPEC section 11), so that a
 * GitOps server-side apply conflict says who owns the field. fabric8 names a manager on patches
 * only; for creates, updates and non-apply patches the API server takes the manager from the user
 * agent up to its first slash, so the operator's client carries {@value #NAME}/version as its agent.
 */
public final class FieldManager {
  public static final String NAME = "agent-failover-operator";

  private FieldManager() {}

  /** The given client configuration, with the operator's user agent. */
  public static Config named(Config base) {
    String version = Optional.ofNullable(FieldManager.class.getPackage().getImplementationVersion()).orElse("dev");
    return new ConfigBuilder(base).withUserAgent(NAME + "/" + version).build();
  }
}
