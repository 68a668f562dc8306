package io.failover.agents.operator.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Starts a request's clock at its first byte, before any decoding: a request whose headers and body
 * have not all arrived when the clock runs out is cut ({@link RequestGate#cut}), however slowly and
 * steadily its bytes trickle in. Idle connections between requests are the idle timeout's business.
 */
public final class RequestDeadline extends ChannelInboundHandlerAdapter {
  private final Duration deadline;
  private RequestGate gate;
  private boolean inRequest;
  private ScheduledFuture<?> timer;

  RequestDeadline(Duration deadline) {
    this.deadline = deadline;
  }

  void answeredBy(RequestGate gate) {
    this.gate = gate;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (!inRequest && msg instanceof ByteBuf bytes && bytes.isReadable()) {
      inRequest = true;
      timer = ctx.executor().schedule(() -> gate.cut(deadline), deadline.toMillis(), TimeUnit.MILLISECONDS);
    }
    super.channelRead(ctx, msg);
  }

  /** The whole request has arrived; the next one starts its own clock. */
  void requestComplete() {
    inRequest = false;
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    requestComplete();
    super.channelInactive(ctx);
  }
}
