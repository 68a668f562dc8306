package io.failover.agents.operator.ledger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.failover.agents.core.outcome.Outcome;
import io.failover.agents.operator.threads.DaemonThreads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The SQLite ledger: every report (outcomes), every state change (provider events) and the
 * per-minute token buckets the budgets sum. WAL mode; writes go through one group-committing
 * writer, reads through a small pool. The Agents' status is the state; this is its history.
 */
public final class Ledger implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Ledger.class);
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
  private static final int READERS = 4;
  private static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);
  /** How often a ledger that cannot commit tries again on its own, so that readiness recovers without traffic. */
  private static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);

  private final WriterConnections connections;
  private final GroupCommitWriter writer;
  private final HikariDataSource readers;
  private final ScheduledExecutorService background;
  private final Duration retention;
  private final Clock clock;

  private Ledger(WriterConnections connections, GroupCommitWriter writer, HikariDataSource readers, Duration retention,
      Clock clock) {
    this.connections = connections;
    this.writer = writer;
    this.readers = readers;
    this.retention = retention;
    this.clock = clock;
    this.background = DaemonThreads.scheduled("ledger-background");
    background.scheduleWithFixedDelay(this::pruneQuietly, 60, 3600, TimeUnit.SECONDS);
    background.scheduleWithFixedDelay(this::probeWhileUnhealthy, PROBE_INTERVAL.toMillis(), PROBE_INTERVAL.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Opens (creating and migrating when missing) the ledger at {@code file}. */
  public static Ledger open(Path file, Duration retention, Clock clock) {
    return open(file, retention, clock, DEFAULT_BUSY_TIMEOUT, ConnectionDecorator.NONE);
  }

  /** @param busyTimeout how long a write waits for a lock before failing (and intake answering 503) */
  public static Ledger open(Path file, Duration retention, Clock clock, Duration busyTimeout) {
    return open(file, retention, clock, busyTimeout, ConnectionDecorator.NONE);
  }

  /** @param writerConnections wraps each connection the writer opens (fault injection in tests) */
  public static Ledger open(Path file, Duration retention, Clock clock, Duration busyTimeout,
      ConnectionDecorator writerConnections) {
    LedgerFile ledgerFile = new LedgerFile(file);
    HikariDataSource[] readers = new HikariDataSource[1];
    try {
      Path parent = ledgerFile.path().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      WriterConnections connections = new WriterConnections(ledgerFile,
          dataSource(file, SQLiteConfig.SynchronousMode.FULL, busyTimeout), clock, writerConnections,
          () -> evict(readers[0]));
      GroupCommitWriter writer = new GroupCommitWriter(ledgerFile, connections);
      HikariConfig pool = new HikariConfig();
      pool.setDataSource(dataSource(file, SQLiteConfig.SynchronousMode.NORMAL, busyTimeout));
      pool.setMaximumPoolSize(READERS);
      pool.setPoolName("ledger-readers");
      readers[0] = new HikariDataSource(pool);
      return new Ledger(connections, writer, readers[0], retention, clock);
    } catch (IOException | SQLException e) {
      throw new LedgerUnavailableException("cannot open the ledger at " + file + ": " + e.getMessage(), e);
    }
  }

  /** Readers of a file that was replaced would read the old one: they reconnect. */
  private static void evict(HikariDataSource readers) {
    if (readers != null && readers.getHikariPoolMXBean() != null) {
      readers.getHikariPoolMXBean().softEvictConnections();
    }
  }

  private static SQLiteDataSource dataSource(Path file, SQLiteConfig.SynchronousMode synchronous, Duration busyTimeout) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(synchronous);
    config.setBusyTimeout((int) busyTimeout.toMillis());
    SQLiteDataSource source = new SQLiteDataSource(config);
    source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    return source;
  }

  /**
   * Whether the ledger can take reports: its last commit succeeded and its file is still the one at
   * its path. While it is not, it tries a small write every second, so it recovers on its own.
   */
  public boolean healthy() {
    return writer.healthy();
  }

  /**
   * Keeps new outcome numbers above the highest one Agents' status has applied ({@code appliedSeq},
   * read from the operator's cache), now and whenever the file is re-created: a ledger restored
   * from an older copy, or lost, must never make a later report look already applied.
   */
  public CompletableFuture<Void> keepSequenceAbove(LongSupplier appliedSeq) {
    connections.keepAbove(appliedSeq);
    long floor = appliedSeq.getAsLong();
    return writer.submit(statements -> {
      long current = WriterConnections.raiseSequence(statements.connection(), floor);
      if (current < floor) {
        LOG.warn("the ledger ends at outcome {} but Agents' status has applied outcomes up to {}: the reports between "
            + "were lost with the ledger (restored from an older copy, or re-created); new reports are numbered above {}",
            current, floor, floor);
      }
      return null;
    });
  }

  private void probeWhileUnhealthy() {
    if (!writer.healthy()) {
      writer.submit(statements -> {
        var probe = statements.prepare("INSERT INTO ledger_probe (id, written_ms) VALUES (1, ?) "
            + "ON CONFLICT (id) DO UPDATE SET written_ms = excluded.written_ms");
        probe.setLong(1, clock.millis());
        return probe.executeUpdate();
      }).whenComplete((written, failure) -> {
        if (failure == null) {
          LOG.info("the ledger commits again");
        }
      });
    }
  }

  /** Reports how long each group commit took, in nanoseconds. */
  public void observeCommits(LongConsumer observer) {
    writer.observeCommits(observer);
  }

  /** Completes once the outcome is committed (or was already, for a repeated idempotency id). */
  public CompletableFuture<Appended> append(NewOutcome outcome) {
    return writer.submit(statements -> {
      Appended appended = OutcomeRows.append(statements, outcome);
      connections.issued(appended.seq());
      return appended;
    });
  }

  public CompletableFuture<List<Long>> appendEvents(List<ProviderEvent> events) {
    return writer.submit(statements -> ProviderEventRows.append(statements, events));
  }

  /** Completes once the request is durable: only then may its annotation be set. */
  public CompletableFuture<Void> recordSteering(SteeringRequest request) {
    return writer.submit(statements -> {
      PreparedStatement insert = statements.prepare("INSERT INTO steering_requests "
          + "(id, time_ms, namespace, agent, annotation, actor) VALUES (?, ?, ?, ?, ?, ?)");
      insert.setString(1, request.id());
      insert.setLong(2, request.time().toEpochMilli());
      insert.setString(3, request.namespace());
      insert.setString(4, request.agent());
      insert.setString(5, request.annotation());
      insert.setString(6, request.actor());
      insert.executeUpdate();
      return null;
    });
  }

  /** The verified actor of the request with this id, if it was made for exactly this agent and annotation. */
  public Optional<String> steeringActor(String id, String namespace, String agent, String annotation) {
    return read(connection -> {
      try (PreparedStatement query = connection.prepareStatement(
          "SELECT actor FROM steering_requests WHERE id = ? AND namespace = ? AND agent = ? AND annotation = ?")) {
        query.setString(1, id);
        query.setString(2, namespace);
        query.setString(3, agent);
        query.setString(4, annotation);
        try (ResultSet row = query.executeQuery()) {
          return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
        }
      }
    });
  }

  /** Outcomes of this agent (by uid: a re-created Agent starts afresh) after a sequence number, oldest first. */
  public List<Outcome> outcomesAfter(String agentUid, long afterSeq, int limit) {
    return read(connection -> OutcomeRows.after(connection, agentUid, afterSeq, limit));
  }

  /** Provider events of an agent, newest first, strictly before {@code before} when given. */
  public EventPage events(String namespace, String agent, Optional<Long> before, int limit) {
    List<ProviderEvent> rows = read(connection ->
        ProviderEventRows.page(connection, namespace, agent, before.orElse(Long.MAX_VALUE), limit + 1));
    if (rows.size() <= limit) {
      return new EventPage(rows, Optional.empty());
    }
    List<ProviderEvent> page = rows.subList(0, limit);
    return new EventPage(List.copyOf(page), Optional.of(page.get(limit - 1).seq()));
  }

  /**
   * Input+output tokens reported for an AgentType's provider since a time (minute granularity).
   * TOTAL never overflows (SUM fails past 2^63); the result saturates at Long.MAX_VALUE.
   */
  public long tokensUsed(String namespace, String agentType, String provider, Instant since) {
    return read(connection -> {
      try (PreparedStatement query = connection.prepareStatement(
          "SELECT TOTAL(tokens) FROM token_usage WHERE namespace = ? AND agent_type = ? AND provider = ? AND minute >= ?")) {
        query.setString(1, namespace);
        query.setString(2, agentType);
        query.setString(3, provider);
        query.setLong(4, since.getEpochSecond() / 60);
        try (ResultSet sum = query.executeQuery()) {
          sum.next();
          return (long) Math.min(sum.getDouble(1), (double) Long.MAX_VALUE);
        }
      }
    });
  }

  /** An AgentType's tokens per hour and provider since a time, oldest hour first. */
  public List<HourlyUsage> tokensPerHour(String namespace, String agentType, Instant since) {
    return read(connection -> {
      try (PreparedStatement query = connection.prepareStatement(
          "SELECT minute / 60 AS hour, provider, TOTAL(tokens) FROM token_usage "
              + "WHERE namespace = ? AND agent_type = ? AND minute >= ? GROUP BY hour, provider ORDER BY hour, provider")) {
        query.setString(1, namespace);
        query.setString(2, agentType);
        query.setLong(3, since.getEpochSecond() / 60);
        List<HourlyUsage> usage = new java.util.ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            usage.add(new HourlyUsage(Instant.ofEpochSecond(rows.getLong(1) * 3600), rows.getString(2),
                (long) Math.min(rows.getDouble(3), (double) Long.MAX_VALUE)));
          }
        }
        return usage;
      }
    });
  }

  /** The start of the oldest minute with tokens counted for the provider since a time, if any. */
  public Optional<Instant> oldestUsage(String namespace, String agentType, String provider, Instant since) {
    return read(connection -> {
      try (PreparedStatement query = connection.prepareStatement(
          "SELECT MIN(minute) FROM token_usage WHERE namespace = ? AND agent_type = ? AND provider = ? AND minute >= ?"
              + " AND tokens > 0")) {
        query.setString(1, namespace);
        query.setString(2, agentType);
        query.setString(3, provider);
        query.setLong(4, since.getEpochSecond() / 60);
        try (ResultSet row = query.executeQuery()) {
          row.next();
          long minute = row.getLong(1);
          return row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochSecond(minute * 60));
        }
      }
    });
  }

  /** Deletes what is older than the retention; returns the rows removed. */
  public CompletableFuture<Integer> prune() {
    Instant cutoff = clock.instant().minus(retention);
    return writer.submit(statements -> {
      PreparedStatement outcomes = statements.prepare("DELETE FROM outcomes WHERE time_ms < ?");
      PreparedStatement events = statements.prepare("DELETE FROM provider_events WHERE time_ms < ?");
      PreparedStatement tokens = statements.prepare("DELETE FROM token_usage WHERE minute < ?");
      PreparedStatement steering = statements.prepare("DELETE FROM steering_requests WHERE time_ms < ?");
      outcomes.setLong(1, cutoff.toEpochMilli());
      events.setLong(1, cutoff.toEpochMilli());
      tokens.setLong(1, cutoff.getEpochSecond() / 60);
      steering.setLong(1, cutoff.toEpochMilli());
      return outcomes.executeUpdate() + events.executeUpdate() + tokens.executeUpdate() + steering.executeUpdate();
    });
  }

  private void pruneQuietly() {
    prune().whenComplete((removed, failure) -> {
      if (failure != null) {
        LOG.warn("ledger pruning failed: {}", failure.getMessage());
      } else if (removed > 0) {
        LOG.info("ledger pruned {} rows older than {}", removed, retention);
      }
    });
  }

  private interface Query<T> {
    T run(Connection connection) throws SQLException;
  }

  private <T> T read(Query<T> query) {
    try (Connection connection = readers.getConnection()) {
      return query.run(connection);
    } catch (SQLException e) {
      throw new LedgerUnavailableException("ledger read failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    background.shutdownNow();
    writer.close();
    readers.close();
  }
}
