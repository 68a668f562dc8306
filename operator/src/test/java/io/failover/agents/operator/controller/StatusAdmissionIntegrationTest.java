package io.failover.agents.operator.controller;

import static io.failover.agents.operator.testing.RunningOperator.NS;
import static io.failover.agents.operator.testing.RunningOperator.THREE_TIERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.failover.agents.api.Agent;
import io.failover.agents.api.AgentType;
import io.failover.agents.api.crd.admission.Admission;
import io.failover.agents.core.outcome.Report;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the operator writes into status is what a real API server keeps: the mock stores any field,
 * but a real server prunes fields the CRD does not declare (the state would silently vanish) and
 * refuses wrong types or duplicate condition types. Objects are read raw, so nothing is dropped on
 * the way, and every status field the operator sets is present when the check runs.
 */
class StatusAdmissionIntegrationTest extends OperatorIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aDegradedPausedAgentsStatusIsWhatTheCrdDeclares() {
    op.agentType("coder", THREE_TIERS + "failover: {cooldownSeconds: 600, tokenBudget: {limitTokens: 1000000, window: 5h}}\n");
    op.agent("coder-1", "coder");
    awaitReady("coder-1");
    op.report("coder-1", Report.failed(503).onTier(1).withTokens(10, 5));
    op.report("coder-1", Report.failed(401).onTier(1));
    awaitStatus("coder-1", s -> s.getTier() == 2);
    op.annotate("coder-1", Agent.PAUSE_ANNOTATION, "now");
    awaitStatus("coder-1", s -> Boolean.TRUE.equals(s.getPaused()));

    JsonNode agent = raw("Agent", "coder-1");
    assertThat(Admission.agents().validate(agent)).isEmpty();
    assertThat(fieldNames(agent.get("status"))).contains("observedGeneration", "tier", "provider", "model", "paused",
        "pausedReason", "cooldownUntil", "lastFailureKind", "lastFailureAt", "lastOutcomeSeq", "conditions");
  }

  @Test
  void agentTypeStatusesAreWhatTheCrdDeclares() {
    op.agentType("coder", THREE_TIERS);
    op.agentType("solo", """
        providerChain:
        - {provider: ollama, model: qwen3-coder, baseUrl: "http://ollama:11434"}
        failover: {triggers: [auth, tokenBudget], tokenBudget: {limitTokens: 1000, window: 1h}}
        template: {spec: {containers: [{name: agent, image: example.com/agent:1}]}}
        """);
    await().atMost(WITHIN).until(() -> hasStatus("coder") && hasStatus("solo"));

    for (String name : new String[] {"coder", "solo"}) {
      assertThat(Admission.agentTypes().validate(raw("AgentType", name))).as(name).isEmpty();
    }
    assertThat(raw("AgentType", "solo").at("/status/warnings")).isNotEmpty();
  }

  @Test
  void anInvalidAgentTypesStatusIsWhatTheCrdDeclares() {
    op.agentType("broken", THREE_TIERS.replace("model: deepseek-chat", "model: \"  \""));
    await().atMost(WITHIN).until(() -> hasStatus("broken"));

    JsonNode status = JSON.createObjectNode().set("status", raw("AgentType", "broken").get("status"));
    assertThat(Admission.agentTypes().validate(status)).isEmpty();
    assertThat(status.at("/status/conditions/0/reason").asText()).isEqualTo("InvalidSpec");
  }

  private boolean hasStatus(String agentType) {
    AgentType current = op.client.resources(AgentType.class).inNamespace(NS).withName(agentType).get();
    return current != null && current.getStatus() != null && !current.getStatus().getConditions().isEmpty();
  }

  private JsonNode raw(String kind, String name) {
    GenericKubernetesResource resource = op.client.genericKubernetesResources("agents.failover.io/v1alpha1", kind)
        .inNamespace(NS).withName(name).get();
    return JSON.valueToTree(resource);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
