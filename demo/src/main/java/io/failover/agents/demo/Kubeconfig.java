package io.failover.agents.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A kubeconfig for the embedded API, so that kubectl works against the demo. */
final class Kubeconfig {
  private Kubeconfig() {}

  static Path write(Path file, String serverUrl) {
    String text = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: agent-failover-demo
          cluster:
            server: %s
        users:
        - name: demo
          user:
            token: demo
        contexts:
        - name: agent-failover-demo
          context:
            cluster: agent-failover-demo
            user: demo
            namespace: agents
        current-context: agent-failover-demo
        """.formatted(serverUrl);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, text);
      return file.toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
