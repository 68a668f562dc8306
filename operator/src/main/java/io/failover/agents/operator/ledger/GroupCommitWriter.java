package io.failover.agents.operator.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
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
    T run(Connection connection) throws SQLException;
  }

  private final Connection connection;
  private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean closing;
  private volatile java.util.function.LongConsumer commitObserver = nanos -> { };

  GroupCommitWriter(Connection connection) throws SQLException {
    this.connection = connection;
    connection.setAutoCommit(false);
    this.thread = new Thread(this::loop, "ledger-writer");
    thread.setDaemon(true);
    thread.start();
  }

  void observeCommits(java.util.function.LongConsumer observer) {
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
        Pending<?> first = queue.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
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

  private void commit(List<Pending<?>> group) {
    List<Pending<?>> ran = new ArrayList<>(group.size());
    for (Pending<?> write : group) {
      try {
        Savepoint savepoint = connection.setSavepoint();
        try {
          write.run(connection);
          ran.add(write);
        } catch (SQLException | RuntimeException failed) {
          connection.rollback(savepoint);
          write.fail(failed);
        }
      } catch (SQLException savepointFailed) {
        write.fail(savepointFailed);
      }
    }
    try {
      long start = System.nanoTime();
      connection.commit();
      commitObserver.accept(System.nanoTime() - start);
      ran.forEach(Pending::complete);
    } catch (SQLException commitFailed) {
      LOG.error("ledger commit failed; {} writes not acknowledged: {}", ran.size(), commitFailed.getMessage());
      try {
        connection.rollback();
      } catch (SQLException ignored) {
        // the connection is already unusable; the writes below fail either way
      }
      ran.forEach(write -> write.fail(commitFailed));
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

    void run(Connection connection) throws SQLException {
      result = work.run(connection);
    }

    void complete() {
      done.complete(result);
    }

    void fail(Exception cause) {
      done.completeExceptionally(new LedgerUnavailableException("ledger write failed: " + cause.getMessage(), cause));
    }
  }
}
