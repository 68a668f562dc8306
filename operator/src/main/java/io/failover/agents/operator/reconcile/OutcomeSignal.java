package io.failover.agents.operator.reconcile;

import io.failover.agents.api.Agent;
import io.failover.agents.operator.failover.AgentRef;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;

/**
 * Wakes an Agent's reconcile when outcomes for it are committed to the ledger. The reconcile reads
 * them from the ledger itself, so a lost signal delays an outcome but never loses it.
 */
public final class OutcomeSignal extends AbstractEventSource<Void, Agent> {

  public OutcomeSignal() {
    super(Void.class, "outcomes");
  }

  @Override
  public java.util.Set<Void> getSecondaryResources(Agent primary) {
    return java.util.Set.of();
  }

  public void signal(AgentRef agent) {
    if (isRunning() && getEventHandler() != null) {
      getEventHandler().handleEvent(new Event(new ResourceID(agent.name(), agent.namespace())));
    }
  }
}
