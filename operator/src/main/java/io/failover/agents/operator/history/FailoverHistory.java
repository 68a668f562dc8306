package io.failover.agents.operator.history;

import io.failover.agents.api.Agent;
import io.failover.agents.core.failover.ChangeReason;
import io.failover.agents.core.failover.StateChange;
import io.failover.agents.core.outcome.OutcomeKind;
import io.failover.agents.operator.ledger.Ledger;
import io.failover.agents.operator.ledger.ProviderEvent;
import io.failover.agents.operator.threads.DaemonThreads;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes state changes to the ledger's provider events and mirrors them as Kubernetes Events.
 * Called after the status (the state itself) is written: losing history never loses state. The
 * writing happens on one thread of its own, in the order changes were made, so that an agent's next
 * reconcile (a failover right after a recovery, say) does not wait for a commit and an API call.
 */
public final class FailoverHistory implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FailoverHistory.class);

  private final Ledger ledger;
  private final KubernetesEvents recorder;
  private final ExecutorService writer = DaemonThreads.single("failover-history");

  public FailoverHistory(Ledger ledger, KubernetesEvents recorder) {
    this.ledger = ledger;
    this.recorder = recorder;
  }

  public void record(Agent agent, String typeName, List<AttributedChange> events, Instant now) {
    if (events.isEmpty()) {
      return;
    }
    List<AttributedChange> recorded = List.copyOf(events);
    writer.execute(() -> write(agent, typeName, recorded, now));
  }

  private void write(Agent agent, String typeName, List<AttributedChange> events, Instant now) {
    List<ProviderEvent> rows = events.stream().map(recorded -> new ProviderEvent(0, now,
        agent.getMetadata().getNamespace(), agent.getMetadata().getName(), typeName, recorded.event().type().name(),
        recorded.event().fromTier(), recorded.event().toTier(), recorded.event().kind().map(OutcomeKind::wireName),
        recorded.actor(), recorded.event().message())).toList();
    try {
      ledger.appendEvents(rows).join();
    } catch (RuntimeException failed) {
      LOG.warn("could not write {} provider events of {}/{} to the ledger: {}", rows.size(),
          agent.getMetadata().getNamespace(), agent.getMetadata().getName(), failed.getMessage());
    }
    for (AttributedChange recorded : events) {
      StateChange event = recorded.event();
      recorder.record(agent, event.type().warning(), event.type().name(), kubernetesMessage(recorded));
    }
  }

  @Override
  public void close() {
    writer.shutdown();
    try {
      writer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static String kubernetesMessage(AttributedChange recorded) {
    StateChange event = recorded.event();
    String message = event.type() == ChangeReason.BudgetExceeded
        ? "tier " + event.fromTier() + " -> tier " + event.toTier() + ": tokenBudget " + event.message()
        : event.message();
    return AttributedChange.OPERATOR.equals(recorded.actor()) ? message : message + " (by " + recorded.actor() + ")";
  }
}
