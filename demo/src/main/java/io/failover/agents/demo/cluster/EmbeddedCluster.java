package io.failover.agents.demo.cluster;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An in-process Kubernetes API for the demo and the benchmark: fabric8's mock server in CRUD mode
 * on a loopback port, with the product's CRDs installed (so status is a subresource).
 */
public final class EmbeddedCluster implements AutoCloseable {
  /** The mock logs every request at INFO through java.util.logging; kept referenced so the level sticks. */
  private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  static final List<String> CRDS = List.of("agenttypes.agents.failover.io.yaml", "agents.agents.failover.io.yaml");

  private final KubernetesMockServer server;
  private final KubernetesClient client;

  private EmbeddedCluster(KubernetesMockServer server) {
    this.server = server;
    this.client = server.createClient();
  }

  /** @param port a loopback port, 0 for any free one */
  public static EmbeddedCluster start(int port) {
    MOCK_LOG.setLevel(Level.WARNING);
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubernetesCrudDispatcher(), false);
    try {
      server.init(InetAddress.getLoopbackAddress(), port);
    } catch (RuntimeException unusable) {
      throw new IllegalStateException("cannot serve the embedded Kubernetes API on port " + port + ": "
          + unusable.getMessage(), unusable);
    }
    EmbeddedCluster cluster = new EmbeddedCluster(server);
    cluster.installCrds();
    return cluster;
  }

  private void installCrds() {
    for (String file : CRDS) {
      try (InputStream in = EmbeddedCluster.class.getResourceAsStream("/crds/" + file)) {
        if (in == null) {
          throw new IllegalStateException("the CRD " + file + " is not in the jar");
        }
        CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().load(in).item();
        client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  public KubernetesClient client() {
    return client;
  }

  public String url() {
    return "http://" + server.getHostName() + ":" + server.getPort();
  }

  /** Requests the API has answered so far (watch and list included). */
  public int requestCount() {
    return server.getRequestCount();
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
