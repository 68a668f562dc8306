package io.failover.agents.operator.server;

import io.failover.agents.operator.http.ApiResponse;
import io.failover.agents.operator.intake.OutcomeEndpoint;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Between the HTTP decoder and the framework, for each request: answers what must be answered
 * before a body is read (SPEC section 12), so that a client without a token cannot make the
 * operator buffer anything. In order: a connection over the limit gets 503; a malformed request
 * 400, headers over the limit 431; a report to the intake the checks that need only its headers
 * (404, 401, 403, 415); then a body over {@link OutcomeEndpoint#MAX_BODY_BYTES} gets 413, whether
 * its length is declared or counted as it streams in. After such an answer the rest of the request
 * is read and dropped for a moment (at most {@link #LINGER_BYTES}, {@link #LINGER}), as servers do
 * so that a client still sending can read the answer, and then the connection is closed.
 */
public final class RequestGate extends ChannelInboundHandlerAdapter {
  static final long LINGER_BYTES = 1024 * 1024;
  static final Duration LINGER = Duration.ofSeconds(2);
  private final Supplier<OutcomeEndpoint> intake;
  private final ConnectionCap cap;
  private final RequestDeadline deadline;
  private ChannelHandlerContext context;
  private long bodyBytes;
  private boolean answered;
  private long discarded;
  /** The request is a report to the intake: its answers here are counted with the intake's. */
  private boolean report;

  RequestGate(Supplier<OutcomeEndpoint> intake, ConnectionCap cap, RequestDeadline deadline) {
    this.intake = intake;
    this.cap = cap;
    this.deadline = deadline;
    deadline.answeredBy(this);
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.context = ctx;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (answered) {
      discard(ctx, msg);
      return;
    }
    if (msg instanceof HttpRequest request) {
      bodyBytes = 0;
      report = HttpMethod.POST.equals(request.method()) && outcomesPath(request.uri()).isPresent();
      if (cap.overLimit() || request.decoderResult().isFailure()) {
        answered = true;
        deadline.requestComplete();
        ErrorWriter.answerAndClose(ctx, counted(refusal(request).orElseThrow()));
        ReferenceCountUtil.release(msg);
        return;
      }
      Optional<ApiResponse> refusal = refusal(request);
      if (refusal.isPresent()) {
        answer(ctx, refusal.get());
        discard(ctx, msg);
        return;
      }
    }
    if (msg instanceof HttpContent content) {
      if (content.decoderResult().isFailure()) {
        answered = true;
        deadline.requestComplete();
        ErrorWriter.answerAndClose(ctx, ApiResponse.error(400, "malformed request body: "
            + content.decoderResult().cause().getClass().getSimpleName()));
        ReferenceCountUtil.release(msg);
        return;
      }
      bodyBytes += content.content().readableBytes();
      if (bodyBytes > OutcomeEndpoint.MAX_BODY_BYTES) {
        answer(ctx, OutcomeEndpoint.tooLarge(bodyBytes));
        discard(ctx, msg);
        return;
      }
      if (msg instanceof LastHttpContent) {
        deadline.requestComplete();
      }
    }
    super.channelRead(ctx, msg);
  }

  private Optional<ApiResponse> refusal(HttpRequest request) {
    if (cap.overLimit()) {
      return Optional.of(ApiResponse.error(503, "too many open connections; try again shortly"));
    }
    if (request.decoderResult().isFailure()) {
      Throwable cause = request.decoderResult().cause();
      if (cause instanceof TooLongHttpHeaderException) {
        return Optional.of(ApiResponse.error(431, "the request headers are larger than "
            + OperatorHttpServer.MAX_HEADER_BYTES + " bytes"));
      }
      if (cause instanceof TooLongHttpLineException) {
        return Optional.of(ApiResponse.error(414, "the request line is too long"));
      }
      return Optional.of(ApiResponse.error(400, "malformed request: " + cause.getClass().getSimpleName()));
    }
    Optional<ApiResponse> intakeRefusal = intakeRefusal(request);
    if (intakeRefusal.isPresent()) {
      return intakeRefusal;
    }
    long declared = HttpUtil.getContentLength(request, -1L);
    return declared > OutcomeEndpoint.MAX_BODY_BYTES ? Optional.of(OutcomeEndpoint.tooLarge(declared)) : Optional.empty();
  }

  /** For {@code POST /api/v1/namespaces/{ns}/agents/{name}/outcomes}: the checks on its headers. */
  private Optional<ApiResponse> intakeRefusal(HttpRequest request) {
    if (!HttpMethod.POST.equals(request.method())) {
      return Optional.empty();
    }
    Optional<List<String>> outcomes = outcomesPath(request.uri());
    if (outcomes.isEmpty()) {
      return Optional.empty();
    }
    List<String> path = outcomes.get();
    return intake.get().checkHeaders(path.get(4), path.get(6),
        Optional.ofNullable(request.headers().get(HttpHeaderNames.AUTHORIZATION)),
        Optional.ofNullable(request.headers().get(HttpHeaderNames.CONTENT_TYPE)));
  }

  /** The segments of {@code /api/v1/namespaces/{ns}/agents/{name}/outcomes}, if that is the path. */
  private static Optional<List<String>> outcomesPath(String uri) {
    List<String> path = List.of(new QueryStringDecoder(uri).path().split("/", -1));
    boolean outcomes = path.size() == 8 && path.get(0).isEmpty() && path.get(1).equals("api") && path.get(2).equals("v1")
        && path.get(3).equals("namespaces") && path.get(5).equals("agents") && path.get(7).equals("outcomes");
    return outcomes ? Optional.of(path) : Optional.empty();
  }

  private ApiResponse counted(ApiResponse response) {
    if (report) {
      intake.get().answeredEarly(response);
    }
    return response;
  }

  /** The request's clock ran out before all of it arrived. */
  void cut(Duration after) {
    if (!answered && context != null) {
      answered = true;
      ErrorWriter.answerAndClose(context, counted(ApiResponse.error(408, "the request did not arrive within "
          + after.toSeconds() + " s")));
    }
  }

  /** Answers now; the connection closes once the rest of the request is dropped, or the linger ends. */
  private void answer(ChannelHandlerContext ctx, ApiResponse response) {
    answered = true;
    deadline.requestComplete();
    ErrorWriter.answer(ctx, counted(response));
    ctx.executor().schedule(() -> ctx.close(), LINGER.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void discard(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpContent content) {
      discarded += content.content().readableBytes();
    }
    boolean last = msg instanceof LastHttpContent;
    ReferenceCountUtil.release(msg);
    if (last || discarded > LINGER_BYTES) {
      ctx.close();
    }
  }
}
