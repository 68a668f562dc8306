package io.failover.agents.operator.controller;

import static io.failover.agents.operator.testing.RunningOperator.NS;
import static io.failover.agents.operator.testing.RunningOperator.THREE_TIERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.failover.agents.api.Agent;
import io.failover.agents.api.AgentType;
import io.failover.agents.core.outcome.Report;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The operator's /metrics as a platform team reads it: per-Agent series that carry the type and the
 * pause reason and vanish with their Agent, per-type budget series that vanish with their type, the
 * intake's answers by status, and java-operator-sdk's and the JVM's metrics beside them.
 */
class MetricSeriesIntegrationTest extends OperatorIntegrationTest {
  static final String CODER_1_TIER = "failover_agent_tier{agent=\"coder-1\",agent_type=\"coder\",namespace=\"agents\"}";

  @Test
  void aDeletedAgentsSeriesAreRemovedAndTheOthersStay() {
    op.agentType("coder", THREE_TIERS);
    List<String> names = IntStream.rangeClosed(1, 20).mapToObj(i -> "coder-" + i).toList();
    names.forEach(name -> op.agent(name, "coder"));
    names.forEach(this::awaitReady);
    op.annotate("coder-2", Agent.PAUSE_ANNOTATION, "now");
    await().atMost(WITHIN).until(() -> op.metrics().scrape().contains(
        "failover_agent_paused_reason{agent=\"coder-2\",agent_type=\"coder\",namespace=\"agents\",reason=\"Manual\"} 1"));
    assertThat(agentSeries()).hasSize(20 * 2 + 1);

    names.stream().filter(name -> !name.equals("coder-1"))
        .forEach(name -> op.client.resources(Agent.class).inNamespace(NS).withName(name).delete());

    await().atMost(WITHIN).untilAsserted(() -> assertThat(agentSeries()).containsExactlyInAnyOrder(
        CODER_1_TIER + " 1.0", "failover_agent_paused{agent=\"coder-1\",agent_type=\"coder\",namespace=\"agents\"} 0.0"));
  }

  @Test
  void thePauseReasonSeriesExistsOnlyWhilePausedAndAChangedTypeReplacesTheSeries() {
    op.agentType("coder", THREE_TIERS);
    op.agentType("reviewer", THREE_TIERS);
    op.agent("coder-1", "coder");
    awaitReady("coder-1");
    op.annotate("coder-1", Agent.PAUSE_ANNOTATION, "now");
    await().atMost(WITHIN).until(() -> op.metrics().scrape().contains("reason=\"Manual\"} 1"));
    op.annotate("coder-1", Agent.UNPAUSE_ANNOTATION, "now");
    await().atMost(WITHIN).until(() -> !op.metrics().scrape().contains("failover_agent_paused_reason{"));

    op.client.resources(Agent.class).inNamespace(NS).withName("coder-1").edit(agent -> {
      agent.getSpec().setType("reviewer");
      return agent;
    });

    await().atMost(WITHIN).untilAsserted(() -> assertThat(agentSeries()).containsExactlyInAnyOrder(
        "failover_agent_tier{agent=\"coder-1\",agent_type=\"reviewer\",namespace=\"agents\"} 1.0",
        "failover_agent_paused{agent=\"coder-1\",agent_type=\"reviewer\",namespace=\"agents\"} 0.0"));
  }

  @Test
  void aTypesBudgetIsPublishedWithItsUseAndGoesWithTheBudgetOrTheType() {
    op.agentType("coder", THREE_TIERS + "failover: {tokenBudget: {limitTokens: 1000, window: 5h}}\n");
    op.agent("coder-1", "coder");
    awaitReady("coder-1");
    op.report("coder-1", Report.succeeded().withTokens(600, 300));

    String labels = "{agent_type=\"coder\",namespace=\"agents\"}";
    await().atMost(WITHIN).untilAsserted(() -> assertThat(op.metrics().scrape()).contains(
        "failover_agenttype_budget_limit_tokens" + labels + " 1000.0", "failover_agenttype_budget_used_tokens" + labels + " 900.0",
        "failover_tokens_total{agent_type=\"coder\",namespace=\"agents\",provider=\"anthropic\"} 900.0"));

    op.agentType("coder", THREE_TIERS);
    await().atMost(WITHIN).until(() -> !op.metrics().scrape().contains("failover_agenttype_budget_"));

    op.agentType("coder", THREE_TIERS + "failover: {tokenBudget: {limitTokens: 2000, window: all}}\n");
    await().atMost(WITHIN).until(() -> op.metrics().scrape().contains("failover_agenttype_budget_limit_tokens" + labels + " 2000.0"));
    op.client.resources(AgentType.class).inNamespace(NS).withName("coder").delete();
    await().atMost(WITHIN).untilAsserted(() -> assertThat(op.metrics().scrape())
        .doesNotContain("failover_agenttype_budget_", "failover_tokens_total{agent_type=\"coder\""));
  }

  @Test
  void intakeAnswersAreCountedByStatusWhereverTheyAreGivenBesideTheReconcileAndJvmMetrics() throws Exception {
    op.agentType("coder", THREE_TIERS);
    op.agent("coder-1", "coder");
    awaitReady("coder-1");
    HttpClient http = HttpClient.newHttpClient();
    for (String agent : new String[] {"nobody", "coder-1", "coder-1"}) {
      http.send(HttpRequest.newBuilder(URI.create(op.http() + "/api/v1/namespaces/agents/agents/" + agent + "/outcomes"))
          .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    await().atMost(WITHIN).until(() -> op.env("coder-1").containsKey("FAILOVER_REPORT_TOKEN"));
    http.send(HttpRequest.newBuilder(URI.create(op.http() + "/api/v1/namespaces/agents/agents/coder-1/outcomes"))
        .header("Authorization", "Bearer " + op.env("coder-1").get("FAILOVER_REPORT_TOKEN")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"result\":\"maybe\"}")).build(), HttpResponse.BodyHandlers.ofString());

    String scrape = op.metrics().scrape();

    assertThat(scrape).contains("failover_intake_responses_total{code=\"404\"} 1.0", "failover_intake_responses_total{code=\"401\"} 2.0",
        "failover_intake_responses_total{code=\"400\"} 1.0",
        "reconciliations_started_total{", "reconciliations_execution_duration_seconds_bucket{", "jvm_memory_used_bytes{",
        "jvm_threads_live_threads", "process_cpu_usage", "process_uptime_seconds");
    assertThat(scrape.lines().filter(line -> line.startsWith("events_received_total{")))
        .as("one set of labels per name, or Prometheus drops the rest").isNotEmpty().allMatch(line -> line.contains("action=\""));
  }

  private List<String> agentSeries() {
    return op.metrics().scrape().lines().filter(line -> line.startsWith("failover_agent_")).toList();
  }
}
