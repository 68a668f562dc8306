package io.failover.agents.demo.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.failover.agents.operator.threads.DaemonThreads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What kubectl needs in front of the fabric8 mock API server: discovery, OpenAPI v3, Tables from
 * printer columns, streaming watches, strategic-merge and merge patches applied the way an API
 * server applies them (read, merge, write with the read resourceVersion), field selectors, Status
 * bodies for errors, 415 for protobuf bodies, server-side dry runs that write nothing, and the
 * scale subresource of custom resources (translated onto the object's spec).
 * Everything else is passed to the mock as is.
 */
public final class KubectlFront implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KubectlFront.class);
  private static final Set<String> DROPPED_PARAMETERS =
      Set.of("fieldManager", "fieldValidation", "timeout", "dryRun", "fieldSelector", "allowWatchBookmarks", "pretty");

  private final HttpServer server;
  private final ExecutorService threads;
  private final KubernetesClient client;
  private final MockForwarder mock;
  private final ScaleEndpoint scales;
  private volatile ApiCatalog catalog;

  private KubectlFront(HttpServer server, ExecutorService threads, KubernetesClient client, MockForwarder mock) {
    this.server = server;
    this.threads = threads;
    this.client = client;
    this.mock = mock;
    this.scales = new ScaleEndpoint(mock);
    this.catalog = ApiCatalog.read(client);
  }

  /** @param mockUrl the mock API server; {@code client} talks to it directly */
  public static KubectlFront start(int port, String mockUrl, KubernetesClient client) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
      ExecutorService threads = Executors.newCachedThreadPool(DaemonThreads.named("kubectl-front"));
      KubectlFront front = new KubectlFront(server, threads, client, new MockForwarder(mockUrl));
      server.createContext("/", front::handleSafely);
      server.setExecutor(threads);
      server.start();
      return front;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve the kubectl front on port " + port, e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handleSafely(HttpExchange exchange) {
    try {
      handle(exchange);
    } catch (Exception failed) {
      LOG.debug("kubectl front: {} {} failed: {}", exchange.getRequestMethod(), exchange.getRequestURI(), failed.toString());
      try {
        Exchanges.status(exchange, 500, "InternalError", "the demo API failed: " + failed.getMessage());
      } catch (IOException ignored) {
        exchange.close();
      }
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    if (method.equals("GET") && serveDiscovery(exchange, path)) {
      return;
    }
    String contentType = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("");
    if (contentType.contains("protobuf")) {
      Exchanges.status(exchange, 415, "UnsupportedMediaType", "the demo API takes JSON bodies only");
      return;
    }
    Optional<ResourcePath> resourcePath = ResourcePath.parse(path);
    Optional<ApiCatalog.Resource> resource = resourcePath.flatMap(p -> catalog.find(p.group(), p.version(), p.plural()));
    byte[] body = exchange.getRequestBody().readAllBytes();
    if (resource.map(r -> r.kind().equals("Secret")).orElse(false) && (method.equals("POST") || method.equals("PUT"))) {
      body = SecretData.asTheApiServerStoresIt(body);
    }
    boolean table = Tables.wanted(exchange.getRequestHeaders().getFirst("Accept"));
    Optional<FieldSelector> fieldSelector = Optional.ofNullable(query.get("fieldSelector")).map(FieldSelector::parse);
    Optional<String> subresource = resourcePath.flatMap(ResourcePath::subresource);
    if (resource.isPresent() && subresource.isPresent() && !resource.get().subresources().serves(subresource.get())) {
      Exchanges.status(exchange, 404, "NotFound", "the server could not find the requested resource");
      return;
    }
    Optional<ApiCatalog.ScaleSubresource> scale = resourcePath.filter(p -> p.name().isPresent()
        && p.subresource().equals(Optional.of("scale"))).flatMap(p -> resource).flatMap(r -> r.subresources().scale());
    if (scale.isPresent()) {
      String objectPath = path.replaceAll("/+$", "");
      scales.handle(exchange, resource.get(), scale.get(), resourcePath.get().name().get(),
          objectPath.substring(0, objectPath.lastIndexOf('/')), contentType, body, query.containsKey("dryRun"), table);
      return;
    }
    if (resource.isPresent() && method.equals("GET") && ("true".equals(query.get("watch")) || "1".equals(query.get("watch")))) {
      WatchStream.serve(exchange, client, resource.get(), resourcePath.get(), Optional.ofNullable(query.get("labelSelector"))
          .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8)), fieldSelector, table);
      return;
    }
    if (method.equals("PATCH") && resourcePath.isPresent() && !contentType.startsWith("application/json-patch+json")) {
      patch(exchange, resourcePath.get(), contentType, body, query.containsKey("dryRun"),
          URLDecoder.decode(query.getOrDefault("fieldManager", ""), StandardCharsets.UTF_8));
      return;
    }
    if (query.containsKey("dryRun") && !method.equals("GET")) {
      dryRun(exchange, method, path, body);
      return;
    }
    MockForwarder.Answer answer = mock.send(method, path + forwardedQuery(query), contentType, body);
    if (answer.status() >= 400) {
      relayError(exchange, answer, resourcePath);
    } else if (method.equals("GET") && resource.isPresent()) {
      answerRead(exchange, resource.get(), readJson(answer.body()), fieldSelector, table);
    } else {
      Exchanges.json(exchange, answer.status(), answer.body());
    }
    if (isCrdChange(method, path)) {
      catalog = ApiCatalog.read(client);
    }
  }

  private boolean serveDiscovery(HttpExchange exchange, String path) throws IOException {
    String trimmed = path.replaceAll("/+$", "");
    Map<String, List<ApiCatalog.Resource>> groups = catalog.byGroupVersion();
    if (trimmed.equals("/version")) {
      Exchanges.json(exchange, 200, Discovery.version());
    } else if (trimmed.equals("/api")) {
      Exchanges.json(exchange, 200, Discovery.coreVersions());
    } else if (trimmed.equals("/apis")) {
      Exchanges.json(exchange, 200, Discovery.groups(catalog));
    } else if (trimmed.equals("/api/v1")) {
      Exchanges.json(exchange, 200, Discovery.resources(catalog, "v1"));
    } else if (trimmed.startsWith("/apis/") && trimmed.split("/").length == 4 && groups.containsKey(trimmed.substring(6))) {
      Exchanges.json(exchange, 200, Discovery.resources(catalog, trimmed.substring(6)));
    } else if (trimmed.equals("/openapi/v3")) {
      Exchanges.json(exchange, 200, OpenApiDocuments.index(catalog));
    } else if (trimmed.startsWith("/openapi/v3/")) {
      String groupPath = trimmed.substring("/openapi/v3/".length());
      String groupVersion = groupPath.equals("api/v1") ? "v1" : groupPath.replaceFirst("^apis/", "");
      Exchanges.json(exchange, 200, OpenApiDocuments.groupVersion(catalog, groupVersion));
    } else if (trimmed.equals("/openapi/v2")) {
      Exchanges.status(exchange, 404, "NotFound", "the demo API serves OpenAPI v3 only");
    } else {
      return false;
    }
    return true;
  }

  private void answerRead(HttpExchange exchange, ApiCatalog.Resource resource, JsonNode read, Optional<FieldSelector> selector,
      boolean table) throws IOException {
    boolean list = read.has("items");
    List<JsonNode> objects = new ArrayList<>();
    if (list) {
      read.get("items").forEach(item -> {
        if (selector.map(s -> s.matches(item)).orElse(true)) {
          objects.add(withKind(item, resource));
        }
      });
      objects.sort(java.util.Comparator.comparing((JsonNode o) -> o.path("metadata").path("namespace").asText())
          .thenComparing(o -> o.path("metadata").path("name").asText()));
    } else {
      objects.add(read);
    }
    String resourceVersion = read.path("metadata").path("resourceVersion").asText("");
    if (table) {
      Exchanges.json(exchange, 200, Tables.of(resource, objects, resourceVersion, Instant.now(), true));
      return;
    }
    if (!list) {
      Exchanges.json(exchange, 200, read);
      return;
    }
    ObjectNode answer = Tables.JSON.createObjectNode();
    answer.put("kind", resource.kind() + "List");
    answer.put("apiVersion", resource.groupVersion());
    answer.putObject("metadata").put("resourceVersion", resourceVersion);
    ArrayNode items = answer.putArray("items");
    objects.forEach(items::add);
    Exchanges.json(exchange, 200, answer);
  }

  /** Strategic-merge and merge patches, applied here: read, merge, write back with the read resourceVersion. */
  private void patch(HttpExchange exchange, ResourcePath path, String contentType, byte[] body, boolean dryRun,
      String fieldManager) throws IOException {
    if (contentType.startsWith("application/apply-patch")) {
      Exchanges.status(exchange, 415, "UnsupportedMediaType", "the demo API has no server-side apply; use client-side apply");
      return;
    }
    String objectPath = exchange.getRequestURI().getRawPath();
    String readPath = path.subresource().isPresent() ? objectPath.substring(0, objectPath.lastIndexOf('/')) : objectPath;
    MockForwarder.Answer current = mock.send("GET", readPath, null, null);
    if (current.status() != 200) {
      relayError(exchange, current, Optional.of(path));
      return;
    }
    JsonNode patch = readJson(body);
    JsonNode merged = contentType.startsWith("application/strategic-merge-patch+json")
        ? Patches.strategicMerge(readJson(current.body()), patch)
        : Patches.merge(readJson(current.body()), patch);
    if (merged.isObject()) {
      ManagedFields.recordAnnotations((ObjectNode) merged, patch, fieldManager);
    }
    if (dryRun) {
      Exchanges.json(exchange, 200, merged);
      return;
    }
    MockForwarder.Answer written = mock.send("PUT", objectPath, "application/json", Tables.JSON.writeValueAsBytes(merged));
    if (written.status() >= 400) {
      relayError(exchange, written, Optional.of(path));
    } else {
      Exchanges.json(exchange, 200, written.body());
    }
  }

  /** A server-side dry run answers what would be stored and stores nothing. */
  private void dryRun(HttpExchange exchange, String method, String path, byte[] body) throws IOException {
    if (method.equals("DELETE")) {
      MockForwarder.Answer current = mock.send("GET", path, null, null);
      Exchanges.json(exchange, current.status(), current.body());
    } else {
      Exchanges.json(exchange, method.equals("POST") ? 201 : 200, body);
    }
  }

  private void relayError(HttpExchange exchange, MockForwarder.Answer answer, Optional<ResourcePath> path) throws IOException {
    JsonNode body = answer.body().length == 0 ? Tables.JSON.nullNode() : readJsonQuietly(answer.body());
    if ("Status".equals(body.path("kind").asText())) {
      Exchanges.json(exchange, answer.status(), answer.body());
      return;
    }
    String what = path.map(p -> p.plural() + p.name().map(n -> " \"" + n + "\"").orElse("")).orElse("the resource");
    String message = answer.status() == 404 ? what + " not found" : what + ": " + Exchanges.reason(answer.status());
    Exchanges.status(exchange, answer.status(), Exchanges.reason(answer.status()), message);
  }

  private static JsonNode withKind(JsonNode item, ApiCatalog.Resource resource) {
    if (item.isObject() && !item.has("kind")) {
      ((ObjectNode) item).put("kind", resource.kind());
      ((ObjectNode) item).put("apiVersion", resource.groupVersion());
    }
    return item;
  }

  private static boolean isCrdChange(String method, String path) {
    return !method.equals("GET") && path.startsWith("/apis/apiextensions.k8s.io/");
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new LinkedHashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int equals = pair.indexOf('=');
        query.put(equals < 0 ? pair : pair.substring(0, equals), equals < 0 ? "" : pair.substring(equals + 1));
      }
    }
    return query;
  }

  private static String forwardedQuery(Map<String, String> query) {
    StringBuilder kept = new StringBuilder();
    query.forEach((key, value) -> {
      if (!DROPPED_PARAMETERS.contains(key)) {
        kept.append(kept.length() == 0 ? '?' : '&').append(key).append('=').append(value);
      }
    });
    return kept.toString();
  }

  private static JsonNode readJson(byte[] body) throws IOException {
    return body.length == 0 ? Tables.JSON.createObjectNode() : Tables.JSON.readTree(body);
  }

  private static JsonNode readJsonQuietly(byte[] body) {
    try {
      return Tables.JSON.readTree(body);
    } catch (IOException notJson) {
      return Tables.JSON.nullNode();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
