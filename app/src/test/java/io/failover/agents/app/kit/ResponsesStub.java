package io.failover.agents.app.kit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A loopback stand-in for the OpenAI Responses API: answers each {@code POST /v1/responses} with the
 * next scripted answer (the last one repeats): a streamed response (response.created ... and
 * response.completed with usage) holding a text or a function call, or OpenAI's error body
 * {@code {"error":{"message","type","param","code"}}} with its headers. Keeps every request.
 */
final class ResponsesStub implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  sealed interface Answer permits Response, Failure {}

  /** A completed response: an assistant text, or (when {@code function} is set) a function call. */
  record Response(String text, String function, int inputTokens, int outputTokens) implements Answer {}

  record Failure(int status, String message, String type, String code, Map<String, String> headers) implements Answer {}

  record Request(Instant at, String method, String path) {}

  static Response answer(int inputTokens, int outputTokens, String text) {
    return new Response(text, null, inputTokens, outputTokens);
  }

  static Response functionCall(int inputTokens, int outputTokens, String function) {
    return new Response(null, function, inputTokens, outputTokens);
  }

  static Failure failure(int status, String message, String type, String code) {
    return new Failure(status, message, type, code, Map.of());
  }

  static Failure failure(int status, String message, String type, String code, Map<String, String> headers) {
    return new Failure(status, message, type, code, headers);
  }

  final List<Request> requests = new CopyOnWriteArrayList<>();
  private final AtomicReference<Instant> firstFailure = new AtomicReference<>();
  private final List<Answer> script;
  private final AtomicInteger next = new AtomicInteger();
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();

  ResponsesStub(Answer... script) {
    this.script = List.of(script);
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  Instant firstFailure() {
    return firstFailure.get();
  }

  List<Request> responseRequests() {
    return requests.stream().filter(request -> request.path().equals("/v1/responses")).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    requests.add(new Request(Instant.now(), exchange.getRequestMethod(), exchange.getRequestURI().getPath()));
    if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().equals("/v1/responses")) {
      send(exchange, failure(404, "Invalid URL (" + exchange.getRequestURI().getPath() + ")", "invalid_request_error", null));
      return;
    }
    Answer answer = script.get(Math.min(next.getAndIncrement(), script.size() - 1));
    if (answer instanceof Failure failure) {
      send(exchange, failure);
    } else if (answer instanceof Response response) {
      byte[] body = sse(response).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
      exchange.getResponseHeaders().set("x-request-id", "req_stub" + next.get());
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private void send(HttpExchange exchange, Failure failure) throws IOException {
    firstFailure.compareAndSet(null, Instant.now());
    ObjectNode error = JSON.createObjectNode().put("message", failure.message()).put("type", failure.type()).putNull("param")
        .put("code", failure.code());
    ObjectNode body = JSON.createObjectNode();
    body.set("error", error);
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("x-request-id", "req_stub" + next.get());
    failure.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    exchange.sendResponseHeaders(failure.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private String sse(Response response) throws IOException {
    String id = "resp_stub" + next.get();
    ObjectNode base = JSON.createObjectNode().put("id", id).put("object", "response")
        .put("created_at", Instant.now().getEpochSecond()).put("status", "in_progress").put("model", "gpt-5");
    base.putArray("output");
    StringBuilder out = new StringBuilder();
    event(out, "response.created", JSON.createObjectNode().set("response", base));
    event(out, "response.in_progress", JSON.createObjectNode().set("response", base));
    ObjectNode item;
    if (response.function() == null) {
      ObjectNode part = JSON.createObjectNode().put("type", "output_text").put("text", response.text());
      part.putArray("annotations");
      item = JSON.createObjectNode().put("id", "msg_stub").put("type", "message").put("status", "completed")
          .put("role", "assistant");
      item.putArray("content").add(part);
      ObjectNode added = item.deepCopy().put("status", "in_progress");
      added.putArray("content");
      event(out, "response.output_item.added", JSON.createObjectNode().put("output_index", 0).set("item", added));
      event(out, "response.output_text.delta", JSON.createObjectNode().put("item_id", "msg_stub").put("output_index", 0)
          .put("content_index", 0).put("delta", response.text()));
      event(out, "response.output_text.done", JSON.createObjectNode().put("item_id", "msg_stub").put("output_index", 0)
          .put("content_index", 0).put("text", response.text()));
    } else {
      item = JSON.createObjectNode().put("id", "fc_stub").put("type", "function_call").put("status", "completed")
          .put("call_id", "call_stub").put("name", response.function()).put("arguments", "{}");
      event(out, "response.output_item.added", JSON.createObjectNode().put("output_index", 0)
          .set("item", item.deepCopy().put("status", "in_progress").put("arguments", "")));
      event(out, "response.function_call_arguments.done", JSON.createObjectNode().put("item_id", "fc_stub")
          .put("output_index", 0).put("arguments", "{}"));
    }
    event(out, "response.output_item.done", JSON.createObjectNode().put("output_index", 0).set("item", item));
    ObjectNode completed = base.deepCopy().put("status", "completed");
    ArrayNode output = completed.putArray("output");
    output.add(item);
    ObjectNode usage = completed.putObject("usage").put("input_tokens", response.inputTokens())
        .put("output_tokens", response.outputTokens()).put("total_tokens", response.inputTokens() + response.outputTokens());
    usage.putObject("input_tokens_details").put("cached_tokens", 0);
    usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
    event(out, "response.completed", JSON.createObjectNode().set("response", completed));
    return out.toString();
  }

  private static void event(StringBuilder out, String type, JsonNode data) throws IOException {
    ObjectNode typed = JSON.createObjectNode().put("type", type);
    typed.setAll((ObjectNode) data);
    out.append("event: ").append(type).append('\n').append("data: ").append(JSON.writeValueAsString(typed)).append("\n\n");
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
