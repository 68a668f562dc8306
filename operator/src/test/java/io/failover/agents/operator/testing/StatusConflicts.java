package io.failover.agents.operator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The mock's dispatcher, made as strict as a real API server about one thing it lets slide: a PUT
 * to a status subresource with a stale resourceVersion is refused with 409 (the mock accepts it,
 * which would hide every lost update between the operator's status writes and other writers).
 * It remembers each object's latest resourceVersion from the mock's own answers.
 */
final class StatusConflicts extends KubernetesMixedDispatcher {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> latestVersions = new ConcurrentHashMap<>();

  StatusConflicts(Map<ServerRequest, Queue<ServerResponse>> responses) {
    super(responses);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = withoutQuery(request.getPath());
    if ("PUT".equals(request.getMethod()) && path.endsWith("/status")) {
      String object = path.substring(0, path.length() - "/status".length());
      String sent = resourceVersion(request.getBody().getBytes());
      String latest = latestVersions.get(object);
      if (sent != null && latest != null && !sent.equals(latest)) {
        return conflict(object);
      }
    }
    MockResponse response = super.dispatch(request);
    remember(request.getMethod(), path, response);
    return response;
  }

  private void remember(String method, String path, MockResponse response) {
    if (response.code() >= 300 || response.getBody() == null) {
      return;
    }
    if ("DELETE".equals(method)) {
      latestVersions.remove(path);
      return;
    }
    if (!"POST".equals(method) && !"PUT".equals(method) && !"PATCH".equals(method)) {
      return;
    }
    try {
      JsonNode body = JSON.readTree(response.getBody().getBytes());
      JsonNode metadata = body == null ? null : body.path("metadata");
      if (metadata == null || !metadata.hasNonNull("resourceVersion") || !metadata.hasNonNull("name")) {
        return;
      }
      String object = "POST".equals(method) ? path + "/" + metadata.get("name").asText()
          : path.endsWith("/status") ? path.substring(0, path.length() - "/status".length()) : path;
      latestVersions.put(object, metadata.get("resourceVersion").asText());
    } catch (IOException notAnObject) {
      // not a Kubernetes object: nothing to remember
    }
  }

  private static String resourceVersion(byte[] body) {
    try {
      JsonNode node = JSON.readTree(body);
      JsonNode version = node == null ? null : node.path("metadata").get("resourceVersion");
      return version == null || version.isNull() ? null : version.asText();
    } catch (IOException unreadable) {
      return null;
    }
  }

  private static String withoutQuery(String path) {
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }

  private static MockResponse conflict(String object) {
    String name = object.substring(object.lastIndexOf('/') + 1);
    return new MockResponse().setResponseCode(409).setBody("""
        {"apiVersion":"v1","kind":"Status","status":"Failure","reason":"Conflict","code":409,\
        "message":"Operation cannot be fulfilled on %s: the object has been modified; please apply your changes to the latest version and try again"}"""
        .formatted(name));
  }
}
