package io.failover.agents.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load on the intake API from keep-alive clients. Closed loop (no rate): each client posts a report,
 * waits for its answer (202 means durable) and posts the next, which finds the capacity. At a fixed
 * rate: each client sends on a schedule and latency is timed from the scheduled send, so a stall
 * counts for every report it delays (no coordinated omission).
 */
final class IntakeLoad {
  record Target(String url, String token) {}

  record Result(double reportsPerSecond, Percentiles latency, long errors) {}

  private IntakeLoad() {}

  static Result run(List<Target> targets, int clients, Duration warmup, Duration measured) throws InterruptedException {
    return run(targets, clients, warmup, measured, 0);
  }

  /** @param ratePerSecond reports per second over all clients; 0 for closed loop */
  static Result run(List<Target> targets, int clients, Duration warmup, Duration measured, double ratePerSecond)
      throws InterruptedException {
    long intervalNanos = ratePerSecond <= 0 ? 0 : (long) (clients * 1e9 / ratePerSecond);
    AtomicLong ids = new AtomicLong();
    String run = Long.toString(System.nanoTime(), 36);
    AtomicLong errors = new AtomicLong();
    long measureFrom = System.nanoTime() + warmup.toNanos();
    long measureUntil = measureFrom + measured.toNanos();
    List<long[]> samples = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      Target target = targets.get(c % targets.size());
      long[] latencies = new long[250_000];
      samples.add(latencies);
      int[] count = new int[1];
      URI uri = URI.create(target.url());
      Thread thread = new Thread(() -> {
        try (KeepAliveConnection connection = new KeepAliveConnection(uri)) {
          long scheduled = System.nanoTime();
          while (System.nanoTime() < measureUntil) {
            if (intervalNanos > 0) {
              scheduled += intervalNanos;
              long wait = scheduled - System.nanoTime();
              if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
              }
            }
            String body = "{\"result\":\"success\",\"inputTokens\":120,\"outputTokens\":40,\"id\":\"bench-" + run + "-"
                + ids.incrementAndGet() + "\"}";
            long start = intervalNanos > 0 ? scheduled : System.nanoTime();
            int status = connection.post(uri.getPath(), target.token(), body);
            long end = System.nanoTime();
            if (status != 202) {
              errors.incrementAndGet();
            } else if (start >= measureFrom && end <= measureUntil && count[0] < latencies.length - 1) {
              latencies[count[0]++] = end - start;
            }
          }
        } catch (Exception failed) {
          errors.incrementAndGet();
        }
        latencies[latencies.length - 1] = count[0];
      }, "bench-client-" + c);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    int total = samples.stream().mapToInt(s -> (int) s[s.length - 1]).sum();
    long[] all = new long[total];
    int offset = 0;
    for (long[] s : samples) {
      int n = (int) s[s.length - 1];
      System.arraycopy(s, 0, all, offset, n);
      offset += n;
    }
    return new Result(total / (measured.toNanos() / 1e9), Percentiles.of(all), errors.get());
  }
}
