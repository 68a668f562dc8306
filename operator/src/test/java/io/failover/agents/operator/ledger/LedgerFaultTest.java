package io.failover.agents.operator.ledger;

import static io.failover.agents.operator.ledger.LedgerTest.outcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.failover.agents.core.outcome.OutcomeKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC section 12, with the faults injected rather than described: a disk that fills up (SQLite's
 * own size limit, which fails writes with SQLITE_FULL as a full filesystem does), a ledger file
 * deleted under the running operator, and one replaced by an older copy.
 */
class LedgerFaultTest {
  static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir Path dir;
  Ledger ledger;
  final FillableDisk disk = new FillableDisk();

  @AfterEach
  void close() {
    if (ledger != null) {
      ledger.close();
    }
  }

  Path file() {
    return dir.resolve("ledger.db");
  }

  @Test
  void afterAFullDiskIsFreedTheNextReportIsAcknowledgedAndNothingRefusedWasStored() throws Exception {
    ledger = Ledger.open(file(), Ledger.DEFAULT_RETENTION, CLOCK, Duration.ofSeconds(1), disk);
    List<Long> acknowledged = new ArrayList<>(List.of(append("before").seq()));
    disk.fill();

    int refused = 0;
    for (int i = 0; i < 5_000 && refused == 0; i++) {
      try {
        acknowledged.add(append("while-full-" + i).seq());
      } catch (CompletionException full) {
        assertThat(full).hasCauseInstanceOf(LedgerUnavailableException.class);
        refused++;
      }
    }
    assertThat(refused).as("the filled disk refused a write").isEqualTo(1);
    assertThat(ledger.healthy()).isFalse();
    for (int i = 0; i < 3; i++) {
      try {
        acknowledged.add(append("still-full-" + i).seq());
      } catch (CompletionException full) {
        refused++;
      }
    }

    disk.free();

    acknowledged.add(append("after").seq());
    assertThat(ledger.healthy()).isTrue();
    assertThat(storedSeqs()).as("exactly what was acknowledged is stored").containsExactlyElementsOf(acknowledged);
  }

  @Test
  void aLedgerThatCannotCommitBecomesHealthyAgainWithoutAnyReport() throws Exception {
    ledger = Ledger.open(file(), Ledger.DEFAULT_RETENTION, CLOCK, Duration.ofSeconds(1), disk);
    disk.fill();
    for (int i = 0; i < 5_000 && ledger.healthy(); i++) {
      try {
        append("filling-" + i);
      } catch (CompletionException expected) {
        // the disk is full
      }
    }
    assertThat(ledger.healthy()).isFalse();

    disk.free();

    await().atMost(Duration.ofSeconds(5)).until(ledger::healthy);
  }

  @Test
  void aDeletedLedgerFileIsNoticedAndNothingIsAcknowledgedIntoTheUnlinkedFile() throws Exception {
    ledger = Ledger.open(file(), Ledger.DEFAULT_RETENTION, CLOCK);
    long before = append("before").seq();
    deleteLedgerFiles();

    assertThat(ledger.healthy()).isFalse();
    long after = append("after").seq();

    assertThat(after).isGreaterThan(before);
    assertThat(storedSeqs()).as("what the file now at the path holds").containsExactly(after);
    assertThat(ledger.healthy()).isTrue();
  }

  @Test
  void aLedgerRestoredFromAnOlderCopyNumbersNewReportsAboveEveryAppliedOne() throws Exception {
    ledger = Ledger.open(file(), Ledger.DEFAULT_RETENTION, CLOCK);
    append("in-the-backup");
    Path backup = dir.resolve("backup.db");
    try (Connection copy = DriverManager.getConnection("jdbc:sqlite:" + file()); Statement vacuum = copy.createStatement()) {
      vacuum.execute("VACUUM INTO '" + backup + "'");
    }
    long applied = append("applied-after-the-backup").seq();
    ledger.keepSequenceAbove(() -> applied).join();

    Files.copy(backup, dir.resolve("restored.db"));
    Files.move(dir.resolve("restored.db"), file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    Files.deleteIfExists(Path.of(file() + "-wal"));
    Files.deleteIfExists(Path.of(file() + "-shm"));
    long next = append("after-the-restore").seq();

    assertThat(next).isGreaterThan(applied);
  }

  @Test
  void aLedgerBehindTheAgentsStatusNumbersAboveIt() throws Exception {
    ledger = Ledger.open(file(), Ledger.DEFAULT_RETENTION, CLOCK);
    long first = append("first").seq();

    ledger.keepSequenceAbove(() -> first + 1_000).join();

    assertThat(append("second").seq()).isGreaterThan(first + 1_000);
  }

  private Appended append(String id) {
    return ledger.append(outcome("uid-1", OutcomeKind.AUTH, Optional.of(id), 10, NOW)).join();
  }

  private List<Long> storedSeqs() throws SQLException {
    List<Long> seqs = new ArrayList<>();
    try (Connection reader = DriverManager.getConnection("jdbc:sqlite:" + file());
        Statement query = reader.createStatement();
        ResultSet rows = query.executeQuery("SELECT seq FROM outcomes ORDER BY seq")) {
      while (rows.next()) {
        seqs.add(rows.getLong(1));
      }
    }
    return seqs;
  }

  private void deleteLedgerFiles() throws Exception {
    for (String suffix : List.of("", "-wal", "-shm")) {
      Files.deleteIfExists(Path.of(file() + suffix));
    }
  }

  /**
   * SQLite's page limit standing in for a full filesystem: once filled, a write that needs a new
   * page fails with SQLITE_FULL ("database or disk is full"), exactly the error a full disk gives.
   * Every writer connection opened while the disk is full is limited too.
   */
  static final class FillableDisk implements ConnectionDecorator {
    private volatile boolean full;
    private volatile Connection current;

    @Override
    public Connection decorate(Connection connection) throws SQLException {
      current = connection;
      if (full) {
        limitToCurrentSize(connection);
      }
      return connection;
    }

    void fill() throws SQLException {
      full = true;
      limitToCurrentSize(current);
    }

    void free() throws SQLException {
      full = false;
      try (Statement pragma = current.createStatement()) {
        pragma.execute("PRAGMA max_page_count = 1073741823");
      } catch (SQLException closed) {
        // the writer dropped that connection; the next one is not limited
      }
    }

    private static void limitToCurrentSize(Connection connection) throws SQLException {
      try (Statement pragma = connection.createStatement();
          ResultSet pages = pragma.executeQuery("PRAGMA page_count")) {
        pages.next();
        pragma.execute("PRAGMA max_page_count = " + pages.getLong(1));
      }
    }
  }
}
