package io.failover.agents.operator.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the writer's connection to the ledger file. A file the ledger has not opened before (new,
 * deleted and re-created, or replaced by an older copy) is migrated first, and its outcome numbers
 * are raised above every number already handed out: above the current time in microseconds, above
 * the highest this process handed out, and above the highest outcome any Agent's status has applied. A restored or lost ledger can then never
 * make a later report look applied.
 */
public final class WriterConnections {
  private static final Logger LOG = LoggerFactory.getLogger(WriterConnections.class);

  private final LedgerFile file;
  private final DataSource source;
  private final Clock clock;
  private final ConnectionDecorator decorator;
  private final Runnable onNewFile;
  private volatile LongSupplier appliedSeq = () -> 0;
  private final AtomicLong highestIssued = new AtomicLong();
  private boolean openedBefore;

  WriterConnections(LedgerFile file, DataSource source, Clock clock, ConnectionDecorator decorator, Runnable onNewFile) {
    this.file = file;
    this.source = source;
    this.clock = clock;
    this.decorator = decorator;
    this.onNewFile = onNewFile;
  }

  /** The highest outcome seq Agents' status has applied, once known; new seqs stay above it. */
  void keepAbove(LongSupplier appliedSeq) {
    this.appliedSeq = appliedSeq;
  }

  /** Notes a seq this ledger handed out, so that a re-created file numbers above it. */
  void issued(long seq) {
    highestIssued.accumulateAndGet(seq, Math::max);
  }

  /** A connection in manual-commit mode to the file now at the ledger's path. */
  Connection open() throws SQLException {
    boolean newFile = !file.stillOpened();
    if (newFile) {
      if (openedBefore) {
        LOG.error("the ledger file {} was deleted or replaced while open; opening the file now there "
            + "(history written since the last backup of that file is lost)", file);
      }
      Flyway.configure().dataSource(source).locations("classpath:db/ledger").load().migrate();
    }
    Connection connection = decorator.decorate(source.getConnection());
    try {
      connection.setAutoCommit(false);
      if (newFile) {
        long floor = Math.max(microseconds(clock.instant()), Math.max(appliedSeq.getAsLong(), highestIssued.get()));
        highestIssued.accumulateAndGet(raiseSequence(connection, floor), Math::max);
        connection.commit();
        file.opened();
        openedBefore = true;
        onNewFile.run();
      }
      return connection;
    } catch (SQLException | RuntimeException failed) {
      connection.close();
      throw failed;
    }
  }

  /**
   * Raises the outcomes' sequence so that the next seq exceeds {@code floor}; answers the seq it
   * was at. The caller commits.
   */
  static long raiseSequence(Connection connection, long floor) throws SQLException {
    long current = 0;
    try (PreparedStatement read = connection.prepareStatement(
        "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'outcomes'), 0), "
            + "COALESCE((SELECT MAX(seq) FROM outcomes), 0))");
        var row = read.executeQuery()) {
      if (row.next()) {
        current = row.getLong(1);
      }
    }
    if (current < floor) {
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO sqlite_sequence (name, seq) SELECT 'outcomes', ? "
              + "WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'outcomes')");
          PreparedStatement update = connection.prepareStatement(
              "UPDATE sqlite_sequence SET seq = ? WHERE name = 'outcomes'")) {
        insert.setLong(1, floor);
        insert.executeUpdate();
        update.setLong(1, floor);
        update.executeUpdate();
      }
    }
    return current;
  }

  private static long microseconds(Instant instant) {
    return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
  }
}
