package io.failover.agents.operator.controller;

import static io.failover.agents.operator.testing.RunningOperator.NS;
import static io.failover.agents.operator.testing.RunningOperator.THREE_TIERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, item 6: creations refused because the namespace is being deleted are not retried (a
 * namespace of 1,000 Agents made 4,719 futile Secret creations and 35 MB of stack traces in 31 s).
 */
class TerminatingNamespaceIntegrationTest extends OperatorIntegrationTest {

  /** What a real API server answers a create in a terminating namespace. */
  static Status namespaceTerminating(String resource, String name) {
    return new StatusBuilder().withStatus("Failure").withCode(403).withReason("Forbidden")
        .withMessage(resource + " \"" + name + "\" is forbidden: unable to create new content in namespace " + NS
            + " because it is being terminated")
        .withNewDetails().withName(name).withKind(resource)
        .addNewCause().withReason("NamespaceTerminating").withField("metadata.namespace")
        .withMessage("namespace " + NS + " is being terminated").endCause()
        .endDetails().build();
  }

  @Test
  void creationsRefusedForATerminatingNamespaceAreNotRetried() {
    op.agentType("coder", THREE_TIERS);
    op.cluster.server.expect().post().withPath("/api/v1/namespaces/" + NS + "/secrets")
        .andReturn(403, namespaceTerminating("secrets", "coder-1-provider-env")).always();
    op.cluster.server.expect().post().withPath("/api/v1/namespaces/" + NS + "/events")
        .andReturn(403, namespaceTerminating("events", "coder-1.event")).always();
    op.cluster.resetRequests();

    op.agent("coder-1", "coder");
    awaitStatus("coder-1", s -> s.getTier() == 1);
    await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);

    List<String> secretCreations = op.cluster.writesSinceReset().stream()
        .filter(write -> write.equals("POST /api/v1/namespaces/" + NS + "/secrets")).toList();
    assertThat(secretCreations).as("refused once per change of the Agent, never retried").hasSizeLessThanOrEqualTo(2);
  }
}
