package io.failover.agents.operator.reconcile;

import io.failover.agents.operator.failover.FailoverEvent;

/** A state change and who caused it: "operator" for outcomes and chain edits, the person for annotations. */
record RecordedEvent(FailoverEvent event, String actor) {
  static final String OPERATOR = "operator";
}
