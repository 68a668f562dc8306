package io.failover.agents.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.failover.agents.operator.testing.MockCluster;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC section 11, as a pod sees it: the operator process, started with leader election, takes the
 * Lease and only then says it is ready; SIGTERM (what Kubernetes sends) makes it release the Lease
 * and exit within 10 s, where it used to hang until SIGKILL.
 */
class OperatorShutdownTest {
  private static final String LEASE = "shutdown-test-operator";
  private static final String LEASE_NAMESPACE = "agent-failover";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void sigtermWhileLeadingReleasesTheLeaseAndExitsWithinTenSeconds() throws Exception {
    try (MockCluster cluster = MockCluster.start()) {
      allowEverythingOnRulesReviews(cluster);
      int port = freePort();
      Process operator = startOperator(cluster, port);
      try {
        await().atMost(Duration.ofSeconds(60)).until(() -> readiness(port) == 200);
        assertThat(lease(cluster).getSpec().getHolderIdentity()).isEqualTo("shutdown-test");

        long stopping = System.nanoTime();
        operator.destroy();

        assertThat(operator.waitFor(10, TimeUnit.SECONDS))
            .as("exited within 10 s of SIGTERM; output:%n%s", Files.readString(dir.resolve("operator.log")))
            .isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(10));
        assertThat(lease(cluster).getSpec().getHolderIdentity()).as("the Lease is released").isNullOrEmpty();
      } finally {
        operator.destroyForcibly();
      }
    }
  }

  private Process startOperator(MockCluster cluster, int port) throws IOException {
    Path kubeconfig = dir.resolve("kubeconfig");
    Files.writeString(kubeconfig, """
        apiVersion: v1
        kind: Config
        clusters: [{name: mock, cluster: {server: "%s", insecure-skip-tls-verify: true}}]
        users: [{name: test, user: {token: test}}]
        contexts: [{name: mock, context: {cluster: mock, user: test, namespace: %s}}]
        current-context: mock
        """.formatted(cluster.client.getMasterUrl().toString().replaceAll("/$", ""), LEASE_NAMESPACE));
    ProcessBuilder builder = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "-Djava.io.tmpdir=" + dir,
        Main.class.getName(), "operator",
        "--host=127.0.0.1", "--port=" + port, "--ledger=" + dir.resolve("ledger.db"),
        "--leader-election=true", "--lease-name=" + LEASE, "--lease-namespace=" + LEASE_NAMESPACE))
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("operator.log").toFile());
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    builder.environment().put("HOSTNAME", "shutdown-test");
    builder.environment().remove("KUBERNETES_SERVICE_HOST");
    return builder.start();
  }

  private static Lease lease(MockCluster cluster) {
    return cluster.client.leases().inNamespace(LEASE_NAMESPACE).withName(LEASE).get();
  }

  private static void allowEverythingOnRulesReviews(MockCluster cluster) {
    cluster.server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews").andReply(201, request -> {
      try {
        ObjectNode review = (ObjectNode) JSON.readTree(request.getUtf8Body());
        ObjectNode rule = review.putObject("status").putArray("resourceRules").addObject();
        rule.putArray("apiGroups").add("coordination.k8s.io");
        rule.putArray("resources").add("leases");
        rule.putArray("verbs").add("get").add("create").add("update").add("patch");
        return review;
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }).always();
  }

  private static int readiness(int port) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
          + "/health/readiness")).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException | InterruptedException notYet) {
      return 0;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
