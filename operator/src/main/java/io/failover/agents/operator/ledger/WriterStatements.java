package io.failover.agents.operator.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/** The writer connection's statements, prepared once: preparing costs more than a small insert. */
public final class WriterStatements implements AutoCloseable {
  private final Connection connection;
  private final Map<String, PreparedStatement> prepared = new HashMap<>();

  WriterStatements(Connection connection) {
    this.connection = connection;
  }

  /** The writer's connection, for statements prepared once only. */
  Connection connection() {
    return connection;
  }

  /** A prepared statement for the SQL, parameters cleared; the caller must not close it. */
  PreparedStatement prepare(String sql) throws SQLException {
    PreparedStatement statement = prepared.get(sql);
    if (statement == null) {
      statement = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS);
      prepared.put(sql, statement);
    } else {
      statement.clearParameters();
    }
    return statement;
  }

  @Override
  public void close() throws SQLException {
    for (PreparedStatement statement : prepared.values()) {
      statement.close();
    }
    prepared.clear();
  }
}
