package io.failover.agents.operator.server;

import io.failover.agents.operator.http.HttpLimits;
import io.failover.agents.operator.intake.OutcomeEndpoint;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Puts the {@link HttpLimits} into every connection of the operator's HTTP server: a connection
 * count at its front, a request clock on its raw bytes, and the {@link RequestGate} between the HTTP
 * decoder and the framework.
 */
@Singleton
@Requires(property = OperatorHttpServer.ROLE_PROPERTY, value = OperatorHttpServer.ROLE)
public final class HttpGuards implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
  private final HttpLimits limits;
  private final Provider<OutcomeEndpoint> intake;
  private final AtomicInteger open = new AtomicInteger();

  HttpGuards(HttpLimits limits, Provider<OutcomeEndpoint> intake) {
    this.limits = limits;
    this.intake = intake;
  }

  @Override
  public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
    event.getBean().register(new PerConnection(null));
    return event.getBean();
  }

  /** Open connections now, for tests and metrics. */
  int openConnections() {
    return open.get();
  }

  private final class PerConnection implements NettyServerCustomizer {
    private final Channel channel;
    private ConnectionCap cap;

    PerConnection(Channel channel) {
      this.channel = channel;
    }

    @Override
    public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
      return role == ChannelRole.CONNECTION ? new PerConnection(channel) : this;
    }

    @Override
    public void onInitialPipelineBuilt() {
      if (channel != null) {
        cap = new ConnectionCap(open, limits.maxConnections());
        channel.pipeline().addFirst("connection-cap", cap);
      }
    }

    @Override
    public void onStreamPipelineBuilt() {
      if (channel == null || cap == null) {
        return;
      }
      ChannelPipeline pipeline = channel.pipeline();
      RequestDeadline deadline = new RequestDeadline(limits.requestDeadline());
      pipeline.addAfter("connection-cap", "request-deadline", deadline);
      pipeline.addBefore(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND, "request-gate",
          new RequestGate(intake::get, cap, deadline));
    }
  }
}
