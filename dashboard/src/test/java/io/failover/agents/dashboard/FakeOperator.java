package io.failover.agents.dashboard;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An operator's read API that answers canned JSON per path and records what it was asked, with the
 * Authorization header: for the dashboard's side of contracts the operator does not serve yet
 * (usage-history) and for checking that the user's token is passed on.
 */
final class FakeOperator implements AutoCloseable {
  /** One request as received: the path with its query, and the Authorization header (or null). */
  record Received(String pathAndQuery, String authorization) {}

  private final HttpServer server;
  final List<Received> received = new CopyOnWriteArrayList<>();
  private final Map<String, String> answers = new ConcurrentHashMap<>();

  FakeOperator() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getRawPath();
      String query = exchange.getRequestURI().getRawQuery();
      received.add(new Received(path + (query == null ? "" : "?" + query), exchange.getRequestHeaders().getFirst("Authorization")));
      String body = answers.get(path);
      byte[] bytes = (body == null ? "{\"code\":404,\"message\":\"no such path\"}" : body).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
  }

  void answer(String path, String json) {
    answers.put(path, json);
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
