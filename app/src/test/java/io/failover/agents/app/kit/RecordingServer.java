package io.failover.agents.app.kit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** An intake stand-in that answers a script of status codes and keeps every request body and header. */
final class RecordingServer implements AutoCloseable {
  record Request(Instant at, String authorization, String contentType, String body) {}

  private final HttpServer server;
  final List<Request> requests = new CopyOnWriteArrayList<>();

  RecordingServer(int... statuses) {
    AtomicInteger next = new AtomicInteger();
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
      requests.add(new Request(Instant.now(), exchange.getRequestHeaders().getFirst("Authorization"),
          exchange.getRequestHeaders().getFirst("Content-Type"),
          new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
      int status = statuses[Math.min(next.getAndIncrement(), statuses.length - 1)];
      byte[] body = (status < 300 ? "{\"seq\":1}" : "{\"code\":" + status + ",\"message\":\"scripted\"}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/namespaces/agents/agents/coder-1/outcomes";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
