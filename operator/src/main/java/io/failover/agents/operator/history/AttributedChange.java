package io.failover.agents.operator.history;

import io.failover.agents.core.failover.StateChange;

/** A state change and who caused it: "operator" for outcomes and chain edits, the person for annotations. */
public record AttributedChange(StateChange event, String actor) {
  public static final String OPERATOR = "operator";
}
