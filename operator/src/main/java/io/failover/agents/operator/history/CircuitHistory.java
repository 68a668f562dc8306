package io.failover.agents.operator.history;

import io.failover.agents.api.AgentType;
import io.failover.agents.core.circuit.CircuitEvent;
import io.failover.agents.core.outcome.OutcomeKind;
import io.failover.agents.operator.ledger.Ledger;
import io.failover.agents.operator.ledger.ProviderEvent;
import io.failover.agents.operator.metrics.FailoverMetrics;
import io.failover.agents.operator.threads.DaemonThreads;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the changes of a type's circuits (SPEC section 10) to the ledger's provider events, with an
 * empty agent and the tier as both from and to, and mirrors them as Kubernetes Events on the
 * AgentType. Called only after the AgentType status holding them was committed, once per change.
 */
public final class CircuitHistory implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CircuitHistory.class);

  private final Ledger ledger;
  private final KubernetesEvents recorder;
  private final FailoverMetrics metrics;
  private final ExecutorService writer = DaemonThreads.single("circuit-history");

  public CircuitHistory(Ledger ledger, KubernetesEvents recorder, FailoverMetrics metrics) {
    this.ledger = ledger;
    this.recorder = recorder;
    this.metrics = metrics;
  }

  public void record(AgentType type, List<CircuitEvent> events, String actor, Instant now) {
    if (events.isEmpty()) {
      return;
    }
    String namespace = type.getMetadata().getNamespace();
    String name = type.getMetadata().getName();
    events.stream().filter(event -> event.reason() == CircuitEvent.Reason.CircuitOpened)
        .forEach(event -> metrics.circuitTripped(namespace, name, event.tier(), event.provider()));
    List<CircuitEvent> recorded = List.copyOf(events);
    writer.execute(() -> write(type, recorded, actor, now));
  }

  private void write(AgentType type, List<CircuitEvent> events, String actor, Instant now) {
    String namespace = type.getMetadata().getNamespace();
    String name = type.getMetadata().getName();
    List<ProviderEvent> rows = events.stream().map(event -> new ProviderEvent(0, now, namespace, "", name,
        event.reason().name(), event.tier(), event.tier(), event.kind().map(OutcomeKind::wireName), actor,
        event.message())).toList();
    try {
      ledger.appendEvents(rows).join();
    } catch (RuntimeException failed) {
      LOG.warn("could not write {} circuit events of {}/{} to the ledger: {}", rows.size(), namespace, name,
          failed.getMessage());
    }
    for (CircuitEvent event : events) {
      recorder.record(type, event.reason().warning(), event.reason().name(),
          AttributedChange.OPERATOR.equals(actor) ? event.message() : event.message() + " (by " + actor + ")");
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
}
