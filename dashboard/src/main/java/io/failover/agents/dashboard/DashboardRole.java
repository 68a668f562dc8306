package io.failover.agents.dashboard;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.failover.agents.dashboard.auth.AuthMode;
import io.failover.agents.dashboard.auth.Gate;
import io.failover.agents.dashboard.auth.KubernetesUsers;
import io.failover.agents.dashboard.auth.Sessions;
import io.failover.agents.dashboard.cluster.ClusterWatch;
import io.failover.agents.dashboard.http.CredentialSecrets;
import io.failover.agents.dashboard.http.OperatorLedger;
import io.failover.agents.dashboard.http.Role;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard role: informers on Agents and AgentTypes, the page and its JSON API on Micronaut.
 * It reads the ledger from the operator and acts by annotating Agents; it never reads Secrets.
 */
public final class DashboardRole implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DashboardRole.class);

  /** @param operatorUrl where the operator's read API answers */
  /** @param namespaces the namespaces to show; empty for all */
  public record Settings(String host, int port, String operatorUrl, AuthMode auth, Set<String> namespaces) {}

  private final ClusterWatch cluster;
  private final ApplicationContext context;
  private final EmbeddedServer server;
  private boolean closed;

  private DashboardRole(ClusterWatch cluster, ApplicationContext context, EmbeddedServer server) {
    this.cluster = cluster;
    this.context = context;
    this.server = server;
  }

  public static DashboardRole start(KubernetesClient client, Settings settings, Clock clock) {
    return start(client, settings, clock, ClusterWatch.Timing.DEFAULT);
  }

  /** @param timing how the watches are checked, re-listed and declared dead (tests shorten it) */
  public static DashboardRole start(KubernetesClient client, Settings settings, Clock clock, ClusterWatch.Timing timing) {
    ClusterWatch cluster = ClusterWatch.start(client, settings.namespaces(), timing, clock);
    Gate gate = new Gate(settings.auth(), new Sessions(clock), new KubernetesUsers(client, clock));
    ApplicationContext context = ApplicationContext.builder()
        .deduceEnvironment(false)
        .banner(false)
        .properties(Map.of(
            Role.PROPERTY, Role.DASHBOARD,
            "micronaut.application.name", "agent-failover-dashboard",
            "micronaut.server.host", settings.host(),
            "micronaut.server.port", settings.port(),
            "jackson.serialization-inclusion", "always"))
        .singletons(cluster, gate, client, new OperatorLedger(settings.operatorUrl()),
            new CredentialSecrets(client, settings.auth() == AuthMode.NONE))
        .start();
    EmbeddedServer server = context.getBean(EmbeddedServer.class);
    try {
      server.start();
    } catch (RuntimeException failed) {
      context.close();
      cluster.close();
      throw failed;
    }
    LOG.info("dashboard serving on {}:{} (auth: {}, operator: {})", settings.host(), server.getPort(),
        settings.auth().name().toLowerCase(Locale.ROOT), settings.operatorUrl());
    return new DashboardRole(cluster, context, server);
  }

  public int port() {
    return server.getPort();
  }

  public boolean ready() {
    return cluster.synced();
  }

  public boolean alive() {
    return cluster.alive();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.stop();
    context.close();
    cluster.close();
  }
}
