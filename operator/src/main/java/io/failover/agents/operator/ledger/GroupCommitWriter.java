package io.failover.agents.operator.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger's only writer: one thread that takes every waiting write, runs them in one
 * transaction and completes their futures after the commit. Concurrent reports therefore share an
 * fsync, so throughput does not cost durability; a failed commit fails every write in the group.
 */
final class GroupCommitWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
  private static final int MAX_GROUP = 1000;

  interface Work<T> {
    T run(WriterStatements statements) throws SQLException;
  }

  private final Connection connection;
  private final WriterStatements statements;
  private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
  /** Completes futures (and whatever callers chained to them) so the writer can start the next group at once. */
  private final ExecutorService acknowledger = Executors.newSingleThreadExecutor(
      runnable -> {
        Thread thread = new Thread(runnable, "ledger-acks");
        thread.setDaemon(true);
        return thread;
      });
  private final Thread thread;
  private volatile boolean closing;
  private volatile LongConsumer commitObserver = nanos -> { };

  GroupCommitWriter(Connection connection) throws SQLException {
    this.connection = connection;
    this.statements = new WriterStatements(connection);
    connection.setAutoCommit(false);
    this.thread = new Thread(this::loop, "ledger-writer");
    thread.setDaemon(true);
    thread.start();
  }

  void observeCommits(LongConsumer observer) {
    this.commitObserver = observer;
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
    List<Pending<?>> ran = new ArrayList<>(group.size());
    try {
      for (Pending<?> write : group) {
        write.run(statements);
        ran.add(write);
      }
    } catch (SQLException | RuntimeException failed) {
      rollbackQuietly();
      if (group.size() == 1) {
        List<Pending<?>> lone = List.copyOf(group);
        acknowledger.execute(() -> lone.forEach(write -> write.fail(failed)));
      } else {
        group.forEach(write -> commit(List.of(write)));
      }
      return;
    }
    try {
      long start = System.nanoTime();
      connection.commit();
      commitObserver.accept(System.nanoTime() - start);
      List<Pending<?>> committed = List.copyOf(ran);
      acknowledger.execute(() -> committed.forEach(Pending::complete));
    } catch (SQLException commitFailed) {
      LOG.error("ledger commit failed; {} writes not acknowledged: {}", ran.size(), commitFailed.getMessage());
      rollbackQuietly();
      List<Pending<?>> failed = List.copyOf(ran);
      acknowledger.execute(() -> failed.forEach(write -> write.fail(commitFailed)));
    }
  }

  private void rollbackQuietly() {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // the connection is already unusable; the writes fail either way
    }
  }

  @Override
  public void close() throws SQLException {
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
    statements.close();
    connection.close();
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
