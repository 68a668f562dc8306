package io.failover.agents.app;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps a role running until SIGTERM or Ctrl-C, then stops it cleanly before the JVM exits. */
final class RoleLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(RoleLifecycle.class);

  private RoleLifecycle() {}

  static void runUntilStopped(String name, AutoCloseable role) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("{}: stopping", name);
      try {
        role.close();
      } catch (Exception failed) {
        LOG.warn("{}: error while stopping: {}", name, failed.getMessage());
      } finally {
        stopped.countDown();
      }
    }, name + "-shutdown"));
    stopped.await();
  }
}
