package io.failover.agents.operator.http;

import java.time.Duration;

/**
 * What the operator's HTTP server bears from any client (SPEC section 12), before authentication
 * can tell a reporting agent from anyone else on the network.
 *
 * @param maxConnections open connections beyond this are answered 503 and closed
 * @param idleTimeout a kept-alive connection with no request for this long is closed
 * @param requestDeadline a request whose headers and body have not all arrived this long after
 *     its first byte is cut (slow senders cannot hold connections)
 */
public record HttpLimits(int maxConnections, Duration idleTimeout, Duration requestDeadline) {
  public static final int DEFAULT_MAX_CONNECTIONS = 4096;
  public static final HttpLimits DEFAULTS =
      new HttpLimits(DEFAULT_MAX_CONNECTIONS, Duration.ofSeconds(60), Duration.ofSeconds(30));

  public HttpLimits withMaxConnections(int max) {
    return new HttpLimits(max, idleTimeout, requestDeadline);
  }
}
