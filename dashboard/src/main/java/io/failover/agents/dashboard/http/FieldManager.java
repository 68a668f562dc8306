package io.failover.agents.dashboard.http;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.util.Optional;

/**
 * The name every write of the dashboard carries as its field manager (SPEC section 11): explicitly
 * where the dashboard makes the request itself, and through its client's user agent (which the API
 * server takes, up to the first slash, as the manager of creates, updates and non-apply patches).
 */
public final class FieldManager {
  public static final String NAME = "agent-failover-dashboard";

  private FieldManager() {}

  /** The given client configuration, with the dashboard's user agent. */
  public static Config named(Config base) {
    String version = Optional.ofNullable(FieldManager.class.getPackage().getImplementationVersion()).orElse("dev");
    return new ConfigBuilder(base).withUserAgent(NAME + "/" + version).build();
  }
}
