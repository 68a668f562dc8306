package io.failover.agents.operator.http;

import io.failover.agents.operator.metrics.FailoverMetrics;
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

  private final ApplicationContext context;
  private final EmbeddedServer server;

  private OperatorHttpServer(ApplicationContext context, EmbeddedServer server) {
    this.context = context;
    this.server = server;
  }

  /** @param port 0 for any free port */
  public static OperatorHttpServer start(String host, int port, OutcomeEndpoint outcomes, LedgerReadEndpoints ledger,
      OperatorHealth health, FailoverMetrics metrics) {
    ApplicationContext context = ApplicationContext.builder()
        .deduceEnvironment(false)
        .banner(false)
        .properties(Map.of(
            ROLE_PROPERTY, ROLE,
            "micronaut.application.name", "agent-failover-operator",
            "micronaut.server.host", host,
            "micronaut.server.port", port,
            "micronaut.server.max-request-size", 1024 * 1024,
            // the API answers "nextBefore": null and "window": null rather than leaving them out
            "jackson.serialization-inclusion", "always"))
        .singletons(outcomes, ledger, health, metrics)
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
