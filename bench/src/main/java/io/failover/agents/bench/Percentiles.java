package io.failover.agents.bench;

import java.util.Arrays;

/** Latency figures from raw samples in nanoseconds. */
record Percentiles(int count, double p50Millis, double p99Millis, double maxMillis) {

  static Percentiles of(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    if (sorted.length == 0) {
      return new Percentiles(0, 0, 0, 0);
    }
    return new Percentiles(sorted.length, millis(sorted, 0.50), millis(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
  }

  private static double millis(long[] sorted, double quantile) {
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
  }

  @Override
  public String toString() {
    return String.format("p50 %.2f ms, p99 %.2f ms, max %.2f ms (n=%d)", p50Millis, p99Millis, maxMillis, count);
  }
}
