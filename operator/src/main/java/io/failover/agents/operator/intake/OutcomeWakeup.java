package io.failover.agents.operator.intake;

import io.failover.agents.core.AgentRef;
import io.failover.agents.core.outcome.OutcomeKind;

/** Told each time a report is committed, so that the agent's reconcile applies it (the controller listens). */
@FunctionalInterface
public interface OutcomeWakeup {
  void committed(AgentRef agent, OutcomeKind kind);
}
