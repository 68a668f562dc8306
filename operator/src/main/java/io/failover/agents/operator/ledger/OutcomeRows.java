package io.failover.agents.operator.ledger;

import io.failover.agents.core.outcome.Outcome;
import io.failover.agents.core.outcome.OutcomeKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for the outcomes table and the token buckets filled with it. */
public final class OutcomeRows {
  private static final String FIND_ID = "SELECT seq FROM outcomes WHERE agent_uid = ? AND idempotency_id = ?";
  private static final String INSERT = """
      INSERT INTO outcomes (time_ms, namespace, agent, agent_uid, agent_type, tier, provider, result, kind,
        http_status, error_type, error_code, retry_after_seconds, input_tokens, output_tokens, idempotency_id, reset_at_ms)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq""";
  private static final String ADD_TOKENS = """
      INSERT INTO token_usage (namespace, agent_type, provider, minute, tokens) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (namespace, agent_type, provider, minute) DO UPDATE SET tokens = tokens + excluded.tokens""";
  private static final String AFTER = """
      SELECT seq, kind, tier, retry_after_seconds, reset_at_ms FROM outcomes
      WHERE agent_uid = ? AND seq > ? ORDER BY seq LIMIT ?""";

  private OutcomeRows() {}

  /** Inserts the outcome, or answers the original seq when its idempotency id was seen for this agent. */
  static Appended append(WriterStatements statements, NewOutcome outcome) throws SQLException {
    if (outcome.report().id().isPresent()) {
      PreparedStatement find = statements.prepare(FIND_ID);
      find.setString(1, outcome.agentUid());
      find.setString(2, outcome.report().id().get());
      try (ResultSet existing = find.executeQuery()) {
        if (existing.next()) {
          return new Appended(existing.getLong(1), true);
        }
      }
    }
    long seq;
    {
      PreparedStatement insert = statements.prepare(INSERT);
      insert.setLong(1, outcome.time().toEpochMilli());
      insert.setString(2, outcome.namespace());
      insert.setString(3, outcome.agent());
      insert.setString(4, outcome.agentUid());
      insert.setString(5, outcome.agentType());
      setOptional(insert, 6, outcome.report().tier(), Types.INTEGER);
      setOptional(insert, 7, outcome.report().provider(), Types.VARCHAR);
      insert.setString(8, outcome.report().success() ? "success" : "error");
      insert.setString(9, outcome.kind().wireName());
      setOptional(insert, 10, outcome.report().httpStatus(), Types.INTEGER);
      setOptional(insert, 11, outcome.report().errorType(), Types.VARCHAR);
      setOptional(insert, 12, outcome.report().errorCode(), Types.VARCHAR);
      setOptional(insert, 13, outcome.report().retryAfterSeconds(), Types.BIGINT);
      insert.setLong(14, outcome.report().inputTokens());
      insert.setLong(15, outcome.report().outputTokens());
      setOptional(insert, 16, outcome.report().id(), Types.VARCHAR);
      setOptional(insert, 17, outcome.report().resetAt().map(Instant::toEpochMilli), Types.BIGINT);
      try (ResultSet returned = insert.executeQuery()) {
        returned.next();
        seq = returned.getLong(1);
      }
    }
    if (outcome.report().tokens() > 0) {
      PreparedStatement add = statements.prepare(ADD_TOKENS);
      add.setString(1, outcome.namespace());
      add.setString(2, outcome.agentType());
      add.setString(3, outcome.usageProvider());
      add.setLong(4, outcome.time().getEpochSecond() / 60);
      add.setLong(5, outcome.report().tokens());
      add.executeUpdate();
    }
    return new Appended(seq, false);
  }

  static List<Outcome> after(Connection connection, String agentUid, long afterSeq, int limit) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(AFTER)) {
      query.setString(1, agentUid);
      query.setLong(2, afterSeq);
      query.setInt(3, limit);
      List<Outcome> outcomes = new ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          outcomes.add(new Outcome(
              rows.getLong(1),
              OutcomeKind.fromWireName(rows.getString(2)).orElse(OutcomeKind.OTHER),
              optionalInt(rows, 3),
              optionalLong(rows, 4),
              optionalLong(rows, 5).map(Instant::ofEpochMilli)));
        }
      }
      return outcomes;
    }
  }

  static void setOptional(PreparedStatement statement, int index, Optional<?> value, int sqlType) throws SQLException {
    if (value.isPresent()) {
      statement.setObject(index, value.get(), sqlType);
    } else {
      statement.setNull(index, sqlType);
    }
  }

  static Optional<Integer> optionalInt(ResultSet rows, int column) throws SQLException {
    int value = rows.getInt(column);
    return rows.wasNull() ? Optional.empty() : Optional.of(value);
  }

  static Optional<Long> optionalLong(ResultSet rows, int column) throws SQLException {
    long value = rows.getLong(column);
    return rows.wasNull() ? Optional.empty() : Optional.of(value);
  }
}
