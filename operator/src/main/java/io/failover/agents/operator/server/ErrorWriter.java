package io.failover.agents.operator.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.failover.agents.operator.http.ApiResponse;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Answers a request from below the framework, in the SPEC's error shape, marked as the last answer
 * on its connection: what is left of the request (a body never read) must not be taken for the
 * next one.
 */
public final class ErrorWriter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ErrorWriter() {}

  static void answerAndClose(ChannelHandlerContext ctx, ApiResponse error) {
    answer(ctx, error).addListener(ChannelFutureListener.CLOSE);
  }

  /** Writes the answer; the caller closes the connection when the client had its chance to read it. */
  static ChannelFuture answer(ChannelHandlerContext ctx, ApiResponse error) {
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(error.body());
    } catch (JsonProcessingException impossible) {
      body = ("{\"code\":" + error.status() + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.valueOf(error.status()), Unpooled.wrappedBuffer(body));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    return ctx.writeAndFlush(response);
  }
}
