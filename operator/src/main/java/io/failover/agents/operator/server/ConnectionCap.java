package io.failover.agents.operator.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the server's open connections. One over the limit is marked so that its first request is
 * answered 503 ({@link RequestGate}), and closed within two seconds if no request comes: idle
 * connections cannot exhaust the process's file descriptors.
 */
public final class ConnectionCap extends ChannelInboundHandlerAdapter {
  private static final long GRACE_MILLIS = 2_000;

  private final AtomicInteger open;
  private final int max;
  private boolean counted;
  private volatile boolean overLimit;

  ConnectionCap(AtomicInteger open, int max) {
    this.open = open;
    this.max = max;
  }

  boolean overLimit() {
    return overLimit;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    counted = true;
    if (open.incrementAndGet() > max) {
      overLimit = true;
      ctx.executor().schedule(() -> ctx.close(), GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }
    super.channelActive(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (counted) {
      counted = false;
      open.decrementAndGet();
    }
    super.channelInactive(ctx);
  }
}
