package io.failover.agents.operator.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for the provider events table. */
public final class ProviderEventRows {
  private static final String INSERT = """
      INSERT INTO provider_events (time_ms, namespace, agent, agent_type, event, from_tier, to_tier, kind, actor, message)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
  private static final String PAGE = """
      SELECT seq, time_ms, namespace, agent, agent_type, event, from_tier, to_tier, kind, actor, message
      FROM provider_events WHERE namespace = ? AND agent = ? AND seq < ? ORDER BY seq DESC LIMIT ?""";

  private ProviderEventRows() {}

  static List<Long> append(WriterStatements statements, List<ProviderEvent> events) throws SQLException {
    List<Long> seqs = new ArrayList<>(events.size());
    {
      PreparedStatement insert = statements.prepare(INSERT);
      for (ProviderEvent event : events) {
        insert.setLong(1, event.time().toEpochMilli());
        insert.setString(2, event.namespace());
        insert.setString(3, event.agent());
        insert.setString(4, event.agentType());
        insert.setString(5, event.event());
        insert.setInt(6, event.fromTier());
        insert.setInt(7, event.toTier());
        OutcomeRows.setOptional(insert, 8, event.kind(), Types.VARCHAR);
        insert.setString(9, event.actor());
        insert.setString(10, event.message());
        insert.executeUpdate();
        try (ResultSet keys = insert.getGeneratedKeys()) {
          keys.next();
          seqs.add(keys.getLong(1));
        }
      }
    }
    return seqs;
  }

  /** Newest first, strictly before {@code before}; one row more than asked tells whether older ones exist. */
  static List<ProviderEvent> page(Connection connection, String namespace, String agent, long before, int limit)
      throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(PAGE)) {
      query.setString(1, namespace);
      query.setString(2, agent);
      query.setLong(3, before);
      query.setInt(4, limit);
      List<ProviderEvent> events = new ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          events.add(new ProviderEvent(rows.getLong(1), Instant.ofEpochMilli(rows.getLong(2)), rows.getString(3),
              rows.getString(4), rows.getString(5), rows.getString(6), rows.getInt(7), rows.getInt(8),
              Optional.ofNullable(rows.getString(9)), rows.getString(10), rows.getString(11)));
        }
      }
      return events;
    }
  }
}
