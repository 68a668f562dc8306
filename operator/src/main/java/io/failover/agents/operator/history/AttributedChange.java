package io.failover.agents.operator.reconcile;

import io.failover.agents.core.failover.StateChange;

/** A state change and who caused it: "operator" for outcomes and chain edits, the person for annotations. */
record RecordedEvent(StateChange event, String actor) {
  static final String OPERATOR = "operator";
}
