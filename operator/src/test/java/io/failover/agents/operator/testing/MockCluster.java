package io.failover.agents.operator.testing;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The fabric8 mock API server in CRUD mode with the generated CRDs installed (so status is a
 * subresource), as strict as a real server about stale status writes ({@link StatusConflicts}),
 * plus one-off canned answers for fault injection and a count of write requests.
 */
public final class MockCluster implements AutoCloseable {
  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

  public final KubernetesMockServer server;
  public final KubernetesClient client;

  private MockCluster(KubernetesMockServer server) {
    this.server = server;
    this.client = server.createClient();
  }

  public static MockCluster start() {
    var responses = new HashMap<io.fabric8.mockwebserver.ServerRequest, java.util.Queue<io.fabric8.mockwebserver.ServerResponse>>();
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
        new StatusConflicts(responses), false);
    server.init();
    MockCluster cluster = new MockCluster(server);
    cluster.installCrds();
    return cluster;
  }

  private void installCrds() {
    try (Stream<Path> files = Files.list(crdDirectory())) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().load(in).item();
          client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Path crdDirectory() {
    Path here = Path.of("").toAbsolutePath();
    for (Path dir = here; dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("crds")) && Files.exists(dir.resolve("crds/agents.agents.failover.io.yaml"))) {
        return dir.resolve("crds");
      }
    }
    throw new IllegalStateException("no crds/ above " + here);
  }

  /** Forgets the requests made so far: what {@link #writesSinceReset()} counts starts now. */
  public void resetRequests() {
    drain();
  }

  /** Every request (method and path with query) received since the last reset. */
  public List<String> requestsSinceReset() {
    return drain().stream().map(request -> request.getMethod() + " " + request.getPath()).toList();
  }

  /** Write requests (method and path) received since the last reset. */
  public List<String> writesSinceReset() {
    return drain().stream()
        .filter(request -> WRITES.contains(request.getMethod()))
        .map(request -> request.getMethod() + " " + request.getPath())
        .toList();
  }

  private List<RecordedRequest> drain() {
    List<RecordedRequest> requests = new ArrayList<>();
    try {
      RecordedRequest request;
      while ((request = server.takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
        requests.add(request);
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    return requests;
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
