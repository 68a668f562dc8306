package io.failover.agents.operator.ledger;

import io.failover.agents.operator.threads.DaemonThreads;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger's only writer: one thread that takes every waiting write, runs them in one
 * transaction and completes their futures after the commit. Concurrent reports therefore share an
 * fsync, so throughput does not cost durability; a failed commit fails every write in the group.
 *
 * <p>After any failure the connection is closed and the next group gets a fresh one: SQLite may
 * have rolled the transaction back on its own (a full disk does), and a connection that still
 * believes it is inside one would run the next writes in autocommit and acknowledge nothing of what
 * it stored. Before each commit the writer checks that the file at the ledger's path is still the
 * one it opened; if not, the group fails and the next one opens the file now there.
 */
public final class GroupCommitWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
  private static final int MAX_GROUP = 1000;

  interface Work<T> {
    T run(WriterStatements statements) throws SQLException;
  }

  private final LedgerFile file;
  private final WriterConnections connections;
  private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
  /** Completes futures (and whatever callers chained to them) so the writer can start the next group at once. */
  private final ExecutorService acknowledger = DaemonThreads.single("ledger-acks");
  private final Thread thread;
  private Connection connection;
  private WriterStatements statements;
  private volatile boolean closing;
  private volatile boolean lastCommitFailed;
  private volatile LongConsumer commitObserver = nanos -> { };

  GroupCommitWriter(LedgerFile file, WriterConnections connections) throws SQLException {
    this.file = file;
    this.connections = connections;
    connect();
    this.thread = DaemonThreads.named("ledger-writer").newThread(this::loop);
    thread.start();
  }

  void observeCommits(LongConsumer observer) {
    this.commitObserver = observer;
  }

  /** The last group committed (or none failed yet) and the file is still the one written to. */
  boolean healthy() {
    return !lastCommitFailed && file.stillOpened();
  }

  <T> CompletableFuture<T> submit(Work<T> work) {
    CompletableFuture<T> done = new CompletableFuture<>();
    if (closing) {
      done.completeExceptionally(new LedgerUnavailableException("the ledger is closed", null));
      return done;
    }
    queue.add(new Pending<>(work, done));
    return done;
  }

  private void loop() {
    List<Pending<?>> group = new ArrayList<>();
    while (!closing || !queue.isEmpty()) {
      try {
        Pending<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        group.clear();
        group.add(first);
        queue.drainTo(group, MAX_GROUP - 1);
        commit(group);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** One transaction for the group; if a write fails, each write gets a transaction of its own. */
  private void commit(List<Pending<?>> group) {
    try {
      if (connection == null || !file.stillOpened()) {
        disconnect();
        connect();
      }
    } catch (SQLException | RuntimeException cannotOpen) {
      LOG.error("cannot open the ledger {}; {} writes not acknowledged: {}", file, group.size(), cannotOpen.getMessage());
      fail(group, cannotOpen);
      return;
    }
    List<Pending<?>> ran = new ArrayList<>(group.size());
    try {
      for (Pending<?> write : group) {
        write.run(statements);
        ran.add(write);
      }
    } catch (SQLException | RuntimeException failed) {
      disconnect();
      if (group.size() == 1) {
        fail(group, failed);
      } else {
        group.forEach(write -> commit(List.of(write)));
      }
      return;
    }
    try {
      if (!file.stillOpened()) {
        throw new SQLException("the ledger file " + file + " was deleted or replaced");
      }
      long start = System.nanoTime();
      connection.commit();
      commitObserver.accept(System.nanoTime() - start);
      lastCommitFailed = false;
      List<Pending<?>> committed = List.copyOf(ran);
      acknowledger.execute(() -> committed.forEach(Pending::complete));
    } catch (SQLException commitFailed) {
      LOG.error("ledger commit failed; {} writes not acknowledged: {}", ran.size(), commitFailed.getMessage());
      disconnect();
      fail(ran, commitFailed);
    }
  }

  private void fail(List<Pending<?>> writes, Exception cause) {
    lastCommitFailed = true;
    List<Pending<?>> failed = List.copyOf(writes);
    acknowledger.execute(() -> failed.forEach(write -> write.fail(cause)));
  }

  private void connect() throws SQLException {
    connection = connections.open();
    statements = new WriterStatements(connection);
  }

  /** Drops the connection, rolling back whatever it held; the next group opens a fresh one. */
  private void disconnect() {
    if (connection == null) {
      return;
    }
    try {
      statements.close();
      connection.rollback();
    } catch (SQLException ignored) {
      // the connection is unusable or the transaction already gone; it is closed either way
    }
    try {
      connection.close();
    } catch (SQLException ignored) {
      // nothing more to release
    }
    connection = null;
    statements = null;
  }

  @Override
  public void close() {
    closing = true;
    try {
      thread.join(10_000);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    acknowledger.shutdown();
    try {
      acknowledger.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    disconnect();
  }

  private static final class Pending<T> {
    private final Work<T> work;
    private final CompletableFuture<T> done;
    private T result;

    Pending(Work<T> work, CompletableFuture<T> done) {
      this.work = work;
      this.done = done;
    }

    void run(WriterStatements statements) throws SQLException {
      result = work.run(statements);
    }

    void complete() {
      done.complete(result);
    }

    void fail(Exception cause) {
      done.completeExceptionally(new LedgerUnavailableException("ledger write failed: " + cause.getMessage(), cause));
    }
  }
}
