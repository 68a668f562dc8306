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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A loopback stand-in for the Anthropic Messages API: answers each {@code POST /v1/messages} with the
 * next scripted answer (the last one repeats) as the API would, as an SSE stream or a JSON message
 * depending on the request's {@code stream}, or as the provider's error body and headers; keeps every
 * request and the time of the first failing answer. Any other path is a 404, and is kept too.
 */
final class AnthropicStub implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String MODEL = "claude-sonnet-4-5";

  /** One answer of the script. */
  sealed interface Answer permits Message, Failure {}

  /** A content block: text, or a tool call with its JSON input. */
  record Block(String text, String toolName, Map<String, Object> toolInput) {}

  /**
   * An assistant message with its token usage; with {@code breakAfterFirstBlock} set, a streaming
   * request gets the message's start, first block and then an {@code overloaded_error} event (a non-
   * streaming one a 529), as the API does when it fails mid-stream.
   */
  record Message(List<Block> content, int inputTokens, int outputTokens, boolean breakAfterFirstBlock) implements Answer {
    String stopReason() {
      return content.stream().anyMatch(block -> block.toolName() != null) ? "tool_use" : "end_turn";
    }
  }

  /** The provider's error answer: status, headers and {"type":"error","error":{...}} body. */
  record Failure(int status, String type, String message, Map<String, String> headers, Map<String, Object> extra)
      implements Answer {}

  /** One request the stub received. */
  /** @param apiKey the x-api-key header; @param authorization the Authorization header; @param model the body's model */
  record Request(Instant at, String method, String path, boolean stream, int messages, String apiKey,
      String authorization, String model) {}

  static Block text(String text) {
    return new Block(text, null, null);
  }

  static Block tool(String name, Map<String, Object> input) {
    return new Block(null, name, input);
  }

  static Message message(int inputTokens, int outputTokens, Block... content) {
    return new Message(List.of(content), inputTokens, outputTokens, false);
  }

  static Message brokenMidStream(int inputTokens, String partialText) {
    return new Message(List.of(text(partialText)), inputTokens, 1, true);
  }

  static Failure failure(int status, String type, String message) {
    return new Failure(status, type, message, Map.of(), Map.of());
  }

  static Failure failure(int status, String type, String message, Map<String, String> headers, Map<String, Object> extra) {
    return new Failure(status, type, message, headers, extra);
  }

  final List<Request> requests = new CopyOnWriteArrayList<>();
  private final AtomicReference<Instant> firstFailure = new AtomicReference<>();
  private final List<Answer> script;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger ids = new AtomicInteger();
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();

  AnthropicStub(Answer... script) {
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
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** When the stub sent its first failing answer, or null. */
  Instant firstFailure() {
    return firstFailure.get();
  }

  List<Request> messageRequests() {
    return requests.stream().filter(request -> request.path().startsWith("/v1/messages")).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    JsonNode body = readBody(exchange);
    String path = exchange.getRequestURI().toString();
    boolean stream = body.path("stream").asBoolean(false);
    requests.add(new Request(Instant.now(), exchange.getRequestMethod(), path, stream, body.path("messages").size(),
        exchange.getRequestHeaders().getFirst("x-api-key"), exchange.getRequestHeaders().getFirst("Authorization"),
        body.path("model").asText(null)));
    if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().equals("/v1/messages")) {
      sendError(exchange, failure(404, "not_found_error", "Not found"));
      return;
    }
    Answer answer = script.get(Math.min(next.getAndIncrement(), script.size() - 1));
    if (answer instanceof Failure failure) {
      sendError(exchange, failure);
    } else if (answer instanceof Message message && message.breakAfterFirstBlock() && !stream) {
      sendError(exchange, failure(529, "overloaded_error", "Overloaded"));
    } else if (answer instanceof Message message && stream) {
      send(exchange, 200, "text/event-stream", Map.of("request-id", requestId()), sse(message));
    } else if (answer instanceof Message message) {
      send(exchange, 200, "application/json", Map.of("request-id", requestId()), JSON.writeValueAsString(json(message)));
    }
  }

  private static JsonNode readBody(HttpExchange exchange) throws IOException {
    byte[] bytes = exchange.getRequestBody().readAllBytes();
    try {
      return bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
    } catch (IOException notJson) {
      return JSON.createObjectNode();
    }
  }

  private void sendError(HttpExchange exchange, Failure failure) throws IOException {
    firstFailure.compareAndSet(null, Instant.now());
    String id = requestId();
    ObjectNode error = JSON.createObjectNode().put("type", failure.type()).put("message", failure.message());
    failure.extra().forEach((key, value) -> error.set(key, JSON.valueToTree(value)));
    ObjectNode body = JSON.createObjectNode().put("type", "error");
    body.set("error", error);
    body.put("request_id", id);
    Map<String, String> headers = new LinkedHashMap<>(failure.headers());
    headers.put("request-id", id);
    send(exchange, failure.status(), "application/json", headers, JSON.writeValueAsString(body));
  }

  private String requestId() {
    return "req_011CStub" + ids.incrementAndGet();
  }

  private static void send(HttpExchange exchange, int status, String contentType, Map<String, String> headers, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private String sse(Message message) {
    String id = "msg_stub" + ids.incrementAndGet();
    StringBuilder out = new StringBuilder();
    ObjectNode start = JSON.createObjectNode().put("id", id).put("type", "message").put("role", "assistant").put("model", MODEL);
    start.putArray("content");
    start.putNull("stop_reason");
    start.putNull("stop_sequence");
    start.set("usage", usage(message.inputTokens(), 1));
    event(out, object("message_start").set("message", start));
    event(out, object("ping"));
    for (int index = 0; index < message.content().size(); index++) {
      Block block = message.content().get(index);
      ObjectNode opening = block.toolName() == null
          ? JSON.createObjectNode().put("type", "text").put("text", "")
          : JSON.createObjectNode().put("type", "tool_use").put("id", "toolu_stub" + index).put("name", block.toolName());
      if (block.toolName() != null) {
        opening.putObject("input");
      }
      event(out, object("content_block_start").put("index", index).set("content_block", opening));
      ObjectNode delta = block.toolName() == null
          ? JSON.createObjectNode().put("type", "text_delta").put("text", block.text())
          : JSON.createObjectNode().put("type", "input_json_delta").put("partial_json", toJson(block.toolInput()));
      event(out, object("content_block_delta").put("index", index).set("delta", delta));
      if (message.breakAfterFirstBlock()) {
        ObjectNode error = JSON.createObjectNode().put("type", "overloaded_error").put("message", "Overloaded");
        event(out, object("error").set("error", error));
        return out.toString();
      }
      event(out, object("content_block_stop").put("index", index));
    }
    ObjectNode delta = JSON.createObjectNode().put("stop_reason", message.stopReason()).putNull("stop_sequence");
    ObjectNode messageDelta = object("message_delta");
    messageDelta.set("delta", delta);
    messageDelta.putObject("usage").put("output_tokens", message.outputTokens());
    event(out, messageDelta);
    event(out, object("message_stop"));
    return out.toString();
  }

  private ObjectNode json(Message message) {
    ObjectNode body = JSON.createObjectNode().put("id", "msg_stub" + ids.incrementAndGet()).put("type", "message")
        .put("role", "assistant").put("model", MODEL);
    ArrayNode content = body.putArray("content");
    for (int index = 0; index < message.content().size(); index++) {
      Block block = message.content().get(index);
      if (block.toolName() == null) {
        content.addObject().put("type", "text").put("text", block.text());
      } else {
        content.addObject().put("type", "tool_use").put("id", "toolu_stub" + index).put("name", block.toolName())
            .set("input", JSON.valueToTree(block.toolInput()));
      }
    }
    body.put("stop_reason", message.stopReason()).putNull("stop_sequence");
    body.set("usage", usage(message.inputTokens(), message.outputTokens()));
    return body;
  }

  private static ObjectNode usage(int input, int output) {
    return JSON.createObjectNode().put("input_tokens", input).put("cache_creation_input_tokens", 0)
        .put("cache_read_input_tokens", 0).put("output_tokens", output);
  }

  private static ObjectNode object(String type) {
    return JSON.createObjectNode().put("type", type);
  }

  private static void event(StringBuilder out, JsonNode data) {
    out.append("event: ").append(data.path("type").asText()).append('\n').append("data: ").append(toJson(data)).append("\n\n");
  }

  private static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
