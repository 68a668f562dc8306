package io.failover.agents.bench;

import io.failover.agents.operator.ledger.Ledger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;

/**
 * The floor under the intake: rows/s that SQLite takes into the ledger's own outcomes table, in
 * 1,000-row transactions, WAL and synchronous=FULL as the ledger runs, with no HTTP, no JSON and no
 * group-commit thread in between.
 */
final class RawSqliteBaseline {
  private static final int BATCH = 1_000;

  private RawSqliteBaseline() {}

  static double rowsPerSecond(Path dir, Duration duration) throws Exception {
    Path file = dir.resolve("baseline.db");
    Ledger.open(file, Ledger.DEFAULT_RETENTION, Clock.systemUTC()).close();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      try (Statement pragmas = connection.createStatement()) {
        pragmas.execute("PRAGMA journal_mode=WAL");
        pragmas.execute("PRAGMA synchronous=FULL");
      }
      connection.setAutoCommit(false);
      long rows = 0;
      long start = System.nanoTime();
      long end = start + duration.toNanos();
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO outcomes (time_ms, namespace, agent, agent_uid, agent_type, tier, result, kind, input_tokens,"
              + " output_tokens, idempotency_id) VALUES (?, 'bench', 'agent', 'uid', 'type', 1, 'success', 'success', 10, 10, ?)")) {
        while (System.nanoTime() < end) {
          for (int i = 0; i < BATCH; i++) {
            insert.setLong(1, System.currentTimeMillis());
            insert.setString(2, "id-" + (rows + i));
            insert.addBatch();
          }
          insert.executeBatch();
          connection.commit();
          rows += BATCH;
        }
      }
      return rows / ((System.nanoTime() - start) / 1e9);
    }
  }
}
