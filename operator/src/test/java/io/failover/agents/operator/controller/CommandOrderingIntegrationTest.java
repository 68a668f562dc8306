package io.failover.agents.operator.controller;

import static io.failover.agents.operator.testing.RunningOperator.NS;
import static io.failover.agents.operator.testing.RunningOperator.THREE_TIERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.failover.agents.api.Agent;
import io.failover.agents.api.AgentStatus;
import io.failover.agents.core.outcome.Report;
import io.failover.agents.operator.ledger.Ledger;
import io.failover.agents.operator.ledger.ProviderEvent;
import io.failover.agents.operator.testing.RunningOperator;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC section 11: the state is committed before the objects that follow from it, and outcomes
 * acknowledged before a reconcile began are applied before the annotations it sees. Each test puts
 * a user's command between two of the operator's own writes, where a real cluster would let it land.
 */
class CommandOrderingIntegrationTest {
  private static final Duration WITHIN = Duration.ofSeconds(10);

  @TempDir Path dir;
  private RunningOperator op;

  @AfterEach
  void stop() {
    if (op != null) {
      op.close();
    }
  }

  @Test
  void theStatusIsWrittenBeforeTheEnvSecretOfTheStateItRecords() {
    AtomicReference<Integer> tierWhenSecretWritten = new AtomicReference<>();
    op = RunningOperator.with().interceptor(beforeWrite("/secrets/coder-1-provider-env", once(ignored ->
        tierWhenSecretWritten.set(op.get("coder-1").getStatus().getTier())))).start(dir);
    armed.set(false);
    startCoder1OnTier1();
    armed.set(true);

    op.report("coder-1", Report.failed(401));

    await().atMost(WITHIN).until(() -> tierWhenSecretWritten.get() != null);
    assertThat(tierWhenSecretWritten.get()).as("the tier in status when the tier-2 env Secret was written").isEqualTo(2);
  }

  @Test
  void aResetSentRightAfterTheEnvSecretChangedIsApplied() {
    op = RunningOperator.with().interceptor(afterWrite("/secrets/coder-1-provider-env",
        once(ignored -> op.annotate("coder-1", Agent.RESET_TIER_ANNOTATION, "now")))).start(dir);
    armed.set(false);
    startCoder1OnTier1();
    armed.set(true);

    op.report("coder-1", Report.failed(401));

    assertEventuallyBackOnTier1WithTheResetRecorded();
  }

  @Test
  void aResetThatLandsBeforeTheStatusWriteIsAppliedAfterTheOutcomeBeforeIt() {
    op = RunningOperator.with().interceptor(beforeWrite("/agents/coder-1/status",
        once(ignored -> op.annotate("coder-1", Agent.RESET_TIER_ANNOTATION, "now")))).start(dir);
    armed.set(false);
    startCoder1OnTier1();
    armed.set(true);

    op.report("coder-1", Report.failed(401));

    assertEventuallyBackOnTier1WithTheResetRecorded();
  }

  @Test
  void aPauseSentRightAfterAFailureIsAcknowledgedPausesTheAgentOnTheTierTheFailureMovedItTo() {
    op = RunningOperator.start(dir);
    startCoder1OnTier1();
    op.stopRole();
    // acknowledged while no reconcile could run, then the pause: one reconcile sees both
    try (Ledger ledger = Ledger.open(op.ledgerFile(), Ledger.DEFAULT_RETENTION, Clock.systemUTC())) {
      RunningOperator.appendOutcome(ledger, op.get("coder-1"), Report.failed(401));
    }
    op.annotate("coder-1", Agent.PAUSE_ANNOTATION, "now");

    op.startRole();

    AgentStatus status = awaitStatus(s -> Boolean.TRUE.equals(s.getPaused()));
    assertThat(status.getTier()).isEqualTo(2);
    assertThat(status.getPausedReason()).isEqualTo("Manual");
    await().atMost(WITHIN).until(() -> "deepseek".equals(op.env("coder-1").get("AGENT_PROVIDER")));
  }

  private void startCoder1OnTier1() {
    op.providerKeys();
    op.agentType("coder", THREE_TIERS);
    op.agent("coder-1", "coder");
    awaitStatus(s -> s.getTier() == 1 && s.getConditions().stream()
        .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True")));
    await().atMost(WITHIN).until(() -> "anthropic".equals(op.env("coder-1").get("AGENT_PROVIDER")));
  }

  private void assertEventuallyBackOnTier1WithTheResetRecorded() {
    await().atMost(WITHIN).untilAsserted(() -> assertThat(op.ledger().events(NS, "coder-1", Optional.empty(), 10).items())
        .extracting(ProviderEvent::event).containsExactly("TierReset", "TierChanged"));
    AgentStatus status = awaitStatus(s -> s.getTier() == 1);
    assertThat(status.getCooldownUntil()).isNull();
    await().atMost(WITHIN).until(() -> "anthropic".equals(op.env("coder-1").get("AGENT_PROVIDER")));
    await().atMost(WITHIN).until(() -> !op.get("coder-1").getMetadata().getAnnotations()
        .containsKey(Agent.RESET_TIER_ANNOTATION));
  }

  private AgentStatus awaitStatus(Predicate<AgentStatus> condition) {
    await().atMost(WITHIN).until(() -> {
      Agent current = op.get("coder-1");
      return current != null && current.getStatus() != null && condition.test(current.getStatus());
    });
    return op.get("coder-1").getStatus();
  }

  private final AtomicBoolean armed = new AtomicBoolean(true);

  /** Runs the action the first time it is called while armed. */
  private Consumer<HttpRequest> once(Consumer<HttpRequest> action) {
    AtomicBoolean done = new AtomicBoolean();
    return request -> {
      if (armed.get() && !done.getAndSet(true)) {
        action.accept(request);
      }
    };
  }

  private static boolean isWriteTo(HttpRequest request, String pathSuffix) {
    return !request.method().equals("GET") && request.uri().getPath().endsWith(pathSuffix);
  }

  private static Interceptor beforeWrite(String pathSuffix, Consumer<HttpRequest> action) {
    return new Interceptor() {
      @Override
      public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        if (isWriteTo(request, pathSuffix)) {
          action.accept(request);
        }
      }
    };
  }

  private static Interceptor afterWrite(String pathSuffix, Consumer<HttpRequest> action) {
    return new Interceptor() {
      @Override
      public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
        if (isWriteTo(request, pathSuffix) && response.code() < 300) {
          action.accept(request);
        }
      }
    };
  }
}
