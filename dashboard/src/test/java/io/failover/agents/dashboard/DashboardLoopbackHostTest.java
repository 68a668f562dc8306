package io.failover.agents.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.failover.agents.dashboard.auth.AuthMode;
import io.failover.agents.operator.testing.MockCluster;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * With --auth none the dashboard asks nobody who they are, so a page on another origin whose name
 * resolves to 127.0.0.1 (DNS rebinding) must not reach it: only a loopback Host is answered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardLoopbackHostTest {
  MockCluster cluster;
  DashboardRole none;
  DashboardRole kubernetes;

  @BeforeAll
  void start() {
    cluster = MockCluster.start();
    none = DashboardRole.start(cluster.client, new DashboardRole.Settings("127.0.0.1", 0, "http://127.0.0.1:9",
        AuthMode.NONE, Set.of()), Clock.systemUTC());
    kubernetes = DashboardRole.start(cluster.client, new DashboardRole.Settings("127.0.0.1", 0, "http://127.0.0.1:9",
        AuthMode.KUBERNETES, Set.of()), Clock.systemUTC());
    await().atMost(Duration.ofSeconds(10)).until(() -> none.ready() && kubernetes.ready());
  }

  @AfterAll
  void stop() {
    none.close();
    kubernetes.close();
    cluster.close();
  }

  /** A raw HTTP/1.1 exchange, so that the Host header is exactly the one given (or absent). */
  static String exchange(int port, String method, String path, String host) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5_000);
      String request = method + " " + path + " HTTP/1.1\r\n" + (host == null ? "" : "Host: " + host + "\r\n")
          + "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}";
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aForeignHostIsRefusedBeforeAnythingIsDone() throws Exception {
    for (String host : new String[] {"evil.example", "evil.example:" + none.port(), "127.0.0.1.nip.io"}) {
      String answer = exchange(none.port(), "POST", "/api/v1/namespaces/agents/agents/coder-1/pause", host);
      assertThat(answer).as(host).startsWith("HTTP/1.1 403");
      assertThat(answer).contains("\"field\":\"Host\"").contains("is not a loopback name or address");
      assertThat(exchange(none.port(), "GET", "/api/v1/agents", host)).as(host).startsWith("HTTP/1.1 403");
      assertThat(exchange(none.port(), "GET", "/", host)).as(host).startsWith("HTTP/1.1 403");
    }
  }

  @Test
  void loopbackHostsAreAnswered() throws Exception {
    for (String host : new String[] {"127.0.0.1:" + none.port(), "localhost:" + none.port(), "[::1]:" + none.port(), "localhost"}) {
      assertThat(exchange(none.port(), "GET", "/api/v1/agents", host)).as(host).startsWith("HTTP/1.1 200");
    }
  }

  @Test
  void withKubernetesAuthenticationTheHostIsNotTheCheck() throws Exception {
    assertThat(exchange(kubernetes.port(), "GET", "/api/v1/agents", "dashboard.example.com")).startsWith("HTTP/1.1 401");
  }
}
