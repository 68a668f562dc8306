package io.failover.agents.operator.controller;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.failover.agents.api.Agent;
import io.failover.agents.api.AgentStatus;
import io.failover.agents.operator.testing.RunningOperator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Starts the operator against a fresh mock cluster with the provider key Secrets in place. */
abstract class OperatorIntegrationTest {
  static final Duration WITHIN = Duration.ofSeconds(10);

  @TempDir Path dir;
  RunningOperator op;

  @BeforeEach
  void start() {
    op = RunningOperator.start(dir);
    op.providerKeys();
  }

  @AfterEach
  void stop() {
    op.close();
  }

  AgentStatus awaitStatus(String agent, Predicate<AgentStatus> condition) {
    await().atMost(WITHIN).until(() -> {
      Agent current = op.get(agent);
      return current != null && current.getStatus() != null && condition.test(current.getStatus());
    });
    return op.get(agent).getStatus();
  }

  AgentStatus awaitNotReady(String agent, String reason) {
    return awaitStatus(agent, s -> "False".equals(condition(s, "Ready"))
        && reason.equals(conditionOf(s, "Ready").getReason()));
  }

  AgentStatus awaitReady(String agent) {
    return awaitStatus(agent, s -> "True".equals(condition(s, "Ready")));
  }

  static String condition(AgentStatus status, String type) {
    return status.getConditions().stream().filter(c -> c.getType().equals(type)).map(Condition::getStatus)
        .findFirst().orElse("missing");
  }

  static Condition conditionOf(AgentStatus status, String type) {
    return status.getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
  }

  String envHash(String agent) {
    return op.deployment(agent).orElseThrow().getSpec().getTemplate().getMetadata().getAnnotations()
        .get("agents.failover.io/env-hash");
  }
}
