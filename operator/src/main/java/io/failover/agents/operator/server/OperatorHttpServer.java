package io.failover.agents.operator.server;

import io.failover.agents.operator.http.HttpLimits;
import io.failover.agents.operator.intake.OutcomeEndpoint;
import io.failover.agents.operator.metrics.FailoverMetrics;
import io.failover.agents.operator.query.LedgerReadEndpoints;
import io.failover.agents.operator.steering.ActionEndpoints;
import io.failover.agents.operator.tier.TierEndpoint;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;

/**
 * Serves the operator role's HTTP interface on Micronaut (Netty). The context gets the already
 * wired endpoint objects as singletons; only the routes of this role are active in it.
 */
public final class OperatorHttpServer implements AutoCloseable {
  public static final String ROLE_PROPERTY = "agent-failover.role";
  public static final String ROLE = "operator";
  /** SPEC section 12: headers over 16 KiB are answered 431. */
  static final int MAX_HEADER_BYTES = 16 * 1024;

  private final ApplicationContext context;
  private final EmbeddedServer server;

  private OperatorHttpServer(ApplicationContext context, EmbeddedServer server) {
    this.context = context;
    this.server = server;
  }

  /** @param port 0 for any free port */
  public static OperatorHttpServer start(String host, int port, HttpLimits limits, OutcomeEndpoint outcomes,
      LedgerReadEndpoints ledger, ActionEndpoints actions, TierEndpoint tier, OperatorHealth health,
      FailoverMetrics metrics) {
    String idle = limits.idleTimeout().toMillis() + "ms";
    ApplicationContext context = ApplicationContext.builder()
        .deduceEnvironment(false)
        .banner(false)
        .properties(Map.of(
            ROLE_PROPERTY, ROLE,
            "micronaut.application.name", "agent-failover-operator",
            "micronaut.server.host", host,
            "micronaut.server.port", port,
            // the RequestGate answers larger bodies first, in the SPEC's order of checks
            "micronaut.server.max-request-size", OutcomeEndpoint.MAX_BODY_BYTES,
            "micronaut.server.netty.max-header-size", MAX_HEADER_BYTES,
            "micronaut.server.idle-timeout", idle,
            "micronaut.server.read-idle-timeout", idle,
            "micronaut.server.write-idle-timeout", idle,
            // the API answers "nextBefore": null and "window": null rather than leaving them out
            "jackson.serialization-inclusion", "always"))
        .singletons(outcomes, ledger, actions, tier, health, metrics, limits, actions.callers())
        .start();
    EmbeddedServer server = context.getBean(EmbeddedServer.class);
    server.start();
    return new OperatorHttpServer(context, server);
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.stop();
    context.close();
  }
}
