package io.failover.agents.operator.server;

import static io.failover.agents.operator.testing.RunningOperator.THREE_TIERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.failover.agents.operator.http.HttpLimits;
import io.failover.agents.operator.testing.RunningOperator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC section 12 over raw sockets, as a hostile client would speak: headers checked before any
 * body is read, bodies and headers bounded, slow and idle connections cut, open connections capped,
 * and every answer in the SPEC's error shape. The limits are the defaults but for the times and the
 * connection cap, shortened so the test does not wait.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpLimitsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpLimits LIMITS = new HttpLimits(8, Duration.ofSeconds(2), Duration.ofSeconds(2));
  static final String OUTCOMES = "/api/v1/namespaces/agents/agents/coder-1/outcomes";

  @TempDir static Path dir;
  RunningOperator op;
  int port;
  String token;

  @BeforeAll
  void start() {
    op = RunningOperator.with().limits(LIMITS).start(dir);
    op.providerKeys();
    op.agentType("coder", THREE_TIERS);
    op.agent("coder-1", "coder");
    await().atMost(Duration.ofSeconds(10)).until(() -> op.env("coder-1").containsKey("FAILOVER_REPORT_TOKEN"));
    token = op.env("coder-1").get("FAILOVER_REPORT_TOKEN");
    String base = op.http();
    port = Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));
  }

  @AfterAll
  void stop() {
    op.close();
  }

  @Test
  void headersOverSixteenKibAre431() throws Exception {
    Answer answer = exchange("GET /health/liveness HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(100 * 1024) + "\r\n\r\n");

    answer.assertSpecError(431);
  }

  @Test
  void theHeaderChecksComeBeforeTheBodyIsRead() throws Exception {
    // a 2 MiB body is declared but never sent: each answer must come from the headers alone
    String declared = "Content-Length: 2097152\r\n";
    exchange("POST /api/v1/namespaces/agents/agents/nobody/outcomes HTTP/1.1\r\nHost: localhost\r\n" + declared
        + "Content-Type: application/json\r\n\r\n").assertSpecError(404);
    exchange("POST " + OUTCOMES + " HTTP/1.1\r\nHost: localhost\r\n" + declared + "Content-Type: application/json\r\n\r\n")
        .assertSpecError(401);
    exchange("POST " + OUTCOMES + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer not-the-token\r\n" + declared
        + "Content-Type: application/json\r\n\r\n").assertSpecError(403);
    exchange("POST " + OUTCOMES + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token + "\r\n" + declared
        + "Content-Type: text/plain\r\n\r\n").assertSpecError(415);
    exchange("POST " + OUTCOMES + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token + "\r\n" + declared
        + "Content-Type: application/json\r\n\r\n").assertSpecError(413);
  }

  @Test
  void aChunkedBodyIsCutAtTheLimitAndNothingIsStored() throws Exception {
    long before = op.get("coder-1").getStatus().getLastOutcomeSeq();
    String opening = "{\"result\":\"success\",\"message\":\"";
    String chunk = Integer.toHexString(16 * 1024) + "\r\n" + " ".repeat(16 * 1024) + "\r\n";
    Answer answer = exchange("POST " + OUTCOMES + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
        + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        + Integer.toHexString(opening.length()) + "\r\n" + opening + "\r\n" + chunk.repeat(5) + "0\r\n\r\n");

    answer.assertSpecError(413);
    assertThat(op.get("coder-1").getStatus().getLastOutcomeSeq()).isEqualTo(before);
  }

  @Test
  void malformedFramingAndUnknownPathsGetTheSpecBody() throws Exception {
    exchange("HELLO\r\n\r\n").assertSpecError(400);
    exchange("GET /nowhere HTTP/1.1\r\nHost: localhost\r\n\r\n").assertSpecError(404);
    exchange("POST " + OUTCOMES + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
        + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n").assertSpecError(400);
  }

  @Test
  void aRequestThatTricklesInIsCutAtTheDeadline() throws Exception {
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      long start = System.nanoTime();
      String request = "GET /health/liveness HTTP/1.1\r\nHost: localhost\r\n";
      IOException cut = null;
      for (int i = 0; i < request.length() && cut == null; i++) {
        try {
          out.write(request.charAt(i));
          out.flush();
          Thread.sleep(100);
        } catch (SocketException closed) {
          cut = closed;
        }
        if (Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(10)) > 0) {
          break;
        }
      }
      Answer answer = read(socket);
      assertThat(answer.status()).isEqualTo(408);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
    }
  }

  @Test
  void anIdleConnectionIsClosedAfterTheIdleTimeout() throws Exception {
    try (Socket socket = connect()) {
      socket.setSoTimeout(10_000);
      long start = System.nanoTime();

      int read = socket.getInputStream().read();

      assertThat(read).as("closed by the server").isEqualTo(-1);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
    }
  }

  @Test
  void connectionsOverTheCapAreAnswered503AndServedAgainOnceOthersClose() throws Exception {
    List<Socket> held = new ArrayList<>();
    try {
      for (int i = 0; i < LIMITS.maxConnections(); i++) {
        held.add(connect());
      }
      await().pollDelay(Duration.ofMillis(200)).until(() -> true);

      exchange("GET /health/liveness HTTP/1.1\r\nHost: localhost\r\n\r\n").assertSpecError(503);
    } finally {
      for (Socket socket : held) {
        socket.close();
      }
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> exchange("GET /health/liveness HTTP/1.1\r\nHost: localhost\r\n\r\n").status() == 200);
  }

  record Answer(int status, String body) {
    void assertSpecError(int code) throws IOException {
      assertThat(status).as("status; body %s", body).isEqualTo(code);
      JsonNode error = JSON.readTree(body);
      assertThat(error.get("code").asInt()).isEqualTo(code);
      assertThat(error.get("message").asText()).isNotBlank();
      assertThat(error.size()).as("only code, field and message: %s", body).isLessThanOrEqualTo(3);
    }
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    return socket;
  }

  private Answer exchange(String request) throws IOException {
    try (Socket socket = connect()) {
      try {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
      } catch (SocketException closedEarly) {
        // the server may answer and close before all of a refused request is sent
      }
      return read(socket);
    }
  }

  /** One response: its status and body (Content-Length framed, as the server answers errors). */
  private static Answer read(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        received.write(buffer, 0, read);
        if (complete(received.toString(StandardCharsets.UTF_8))) {
          break;
        }
      }
    } catch (SocketException reset) {
      // what arrived before the reset is the answer
    }
    String text = received.toString(StandardCharsets.UTF_8);
    int headersEnd = text.indexOf("\r\n\r\n");
    if (!text.startsWith("HTTP/1.") || headersEnd < 0) {
      return new Answer(-1, text);
    }
    return new Answer(Integer.parseInt(text.substring(9, 12)), text.substring(headersEnd + 4));
  }

  private static boolean complete(String text) {
    int headersEnd = text.indexOf("\r\n\r\n");
    if (headersEnd < 0) {
      return false;
    }
    String headers = text.substring(0, headersEnd).toLowerCase();
    int at = headers.indexOf("content-length:");
    if (at < 0) {
      return false;
    }
    int length = Integer.parseInt(headers.substring(at + 15).split("\r\n")[0].strip());
    return text.getBytes(StandardCharsets.UTF_8).length - headersEnd - 4 >= length;
  }
}
