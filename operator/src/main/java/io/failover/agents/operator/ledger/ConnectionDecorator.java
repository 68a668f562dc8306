package io.failover.agents.operator.ledger;

import java.sql.Connection;
import java.sql.SQLException;

/** Wraps each writer connection the ledger opens: for monitoring, or to inject faults in tests. */
@FunctionalInterface
public interface ConnectionDecorator {
  ConnectionDecorator NONE = connection -> connection;

  Connection decorate(Connection connection) throws SQLException;
}
