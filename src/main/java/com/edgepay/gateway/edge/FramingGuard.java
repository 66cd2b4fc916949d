package com.edgepay.gateway.edge;

import com.edgepay.gateway.api.ErrorBody;
import com.edgepay.gateway.api.ErrorCode;
import com.edgepay.gateway.api.GatewayError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits in front of Netty's HTTP decoder on every public connection and lets a byte through only
 * once {@link StrictFraming} has found it unambiguous; the bytes go on unchanged, with no copy. A
 * refused stream is answered 400 (414, 431) and the connection closed; nothing of the refused
 * request reaches the decoder in a form it could complete. The answer waits until every request
 * accepted before it on the connection has been answered, so it can never be read as theirs. It
 * also bounds the time to send a head (slowloris).
 */
final class FramingGuard extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(FramingGuard.class);
  private static final String DECODER = "httpDecoder";
  private static final String ENCODER = "httpEncoder";
  private static volatile boolean warned;

  private final StrictFraming framing;
  private final long headerTimeoutMs;
  private final Consumer<String> onRefusal;
  private ScheduledFuture<?> headerTimer;
  private ChannelHandlerContext ctx;
  /** A head that began in an earlier read and is not complete yet: held back until it is. */
  private ByteBuf held;
  private int answered;
  private int awaited = -1;
  private boolean refused;

  FramingGuard(int maxRequestLineBytes, int maxHeaderBytes, long headerTimeoutMs) {
    this(maxRequestLineBytes, maxHeaderBytes, headerTimeoutMs, reason -> { });
  }

  /** @param onRefusal told the reason of each refused connection (a bounded set: for a metric) */
  FramingGuard(int maxRequestLineBytes, int maxHeaderBytes, long headerTimeoutMs, Consumer<String> onRefusal) {
    this.framing = new StrictFraming(maxRequestLineBytes, maxHeaderBytes);
    this.headerTimeoutMs = headerTimeoutMs;
    this.onRefusal = onRefusal;
  }

  /**
   * Puts a guard in front of the connection's decoder, and watches the answers going out behind it.
   * That needs Vert.x's connection class (an internal one); should a Vert.x upgrade change it, the
   * gateway still runs, unguarded, and says so loudly.
   */
  static void install(io.vertx.core.http.HttpConnection connection, FramingGuard guard) {
    if (connection instanceof io.vertx.core.net.impl.ConnectionBase base
        && base.channel().pipeline().get(DECODER) != null && base.channel().pipeline().get(ENCODER) != null) {
      base.channel().pipeline().addBefore(DECODER, "framingGuard", guard);
      // Behind the encoder, answers are still HTTP objects: there they can be counted.
      base.channel().pipeline().addAfter(ENCODER, "framingAnswers", guard.new Answers());
    } else if (!warned) {
      warned = true;
      LOG.error("cannot install the framing guard on {}: request smuggling checks are OFF", connection.getClass());
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf in)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (refused) {
      in.release();
      return;
    }
    boolean wasInHead = framing.inHead();
    int from = in.readerIndex();
    int end = in.writerIndex();
    int stop = framing.scan(in, from, end);
    int start = framing.requestStart();
    try {
      if (framing.refusal() != null) {
        // Earlier requests go on; nothing of the refused one (its head may have been held back).
        boolean outsideAHead = framing.refusedInBody() || framing.refusedBeforeRequest();
        boolean headStartedHere = start >= 0 && !outsideAHead;
        forwardHeld(ctx, outsideAHead || headStartedHere);
        forward(ctx, in, from, headStartedHere ? start : outsideAHead ? stop : from);
        refuse(ctx, framing.refusal());
        return;
      }
      timeHead(ctx, wasInHead);
      if (!framing.inHead()) {
        forwardHeld(ctx, true);
        forward(ctx, in, from, end);
      } else if (start >= 0) {
        forwardHeld(ctx, true);
        forward(ctx, in, from, start);
        hold(ctx, in, start, end);
      } else {
        hold(ctx, in, from, end);
      }
    } finally {
      in.release();
    }
  }

  private void forward(ChannelHandlerContext ctx, ByteBuf in, int from, int to) {
    if (to > from) {
      ctx.fireChannelRead(in.retainedSlice(from, to - from));
    }
  }

  /** @param pass whether the held bytes go on (their head completed) or are dropped (refused) */
  private void forwardHeld(ChannelHandlerContext ctx, boolean pass) {
    if (held != null) {
      ByteBuf h = held;
      held = null;
      if (pass) {
        ctx.fireChannelRead(h);
      } else {
        h.release();
      }
    }
  }

  private void hold(ChannelHandlerContext ctx, ByteBuf in, int from, int to) {
    if (held == null) {
      held = ctx.alloc().buffer(Math.max(256, to - from));
    }
    held.writeBytes(in, from, to - from);
  }

  /** Counts answers leaving the application: each full answer ends with a LastHttpContent. */
  final class Answers extends ChannelOutboundHandlerAdapter {
    @Override
    public void write(ChannelHandlerContext answers, Object msg, ChannelPromise promise) {
      answers.write(msg, promise);
      if (msg instanceof LastHttpContent) {
        answered++;
        if (refused && answered >= awaited && ctx != null) {
          sendRefusal(ctx);
        }
      }
    }
  }

  @Override
  public void handlerAdded(ChannelHandlerContext added) {
    this.ctx = added;
  }

  private void timeHead(ChannelHandlerContext ctx, boolean wasInHead) {
    if (framing.inHead() && (!wasInHead || headerTimer == null)) {
      cancelTimer();
      headerTimer = ctx.executor().schedule(() -> refuse(ctx, new StrictFraming.Refusal(400, "header timeout")),
          headerTimeoutMs, TimeUnit.MILLISECONDS);
    } else if (!framing.inHead()) {
      cancelTimer();
    }
  }

  private StrictFraming.Refusal pending;

  private void refuse(ChannelHandlerContext ctx, StrictFraming.Refusal refusal) {
    if (refused) {
      return;
    }
    refused = true;
    pending = refusal;
    cancelTimer();
    onRefusal.accept(refusal.reason());
    LOG.info("refused a request's framing ({}); closing the connection from {}", refusal.reason(),
        ctx.channel().remoteAddress());
    // The request refused in its body had its head accepted: it gets no answer of its own.
    awaited = framing.headsCompleted() - (framing.refusedInBody() ? 1 : 0);
    if (answered >= awaited) {
      sendRefusal(ctx);
    } else {
      headerTimer = ctx.executor().schedule(() -> ctx.close(), headerTimeoutMs, TimeUnit.MILLISECONDS);
    }
  }

  private void sendRefusal(ChannelHandlerContext ctx) {
    if (pending == null) {
      return;
    }
    StrictFraming.Refusal refusal = pending;
    pending = null;
    cancelTimer();
    ctx.writeAndFlush(response(refusal)).addListener(ChannelFutureListener.CLOSE);
  }

  private static ByteBuf response(StrictFraming.Refusal refusal) {
    GatewayError error = switch (refusal.status()) {
      case 414 -> GatewayError.of(ErrorCode.URI_TOO_LONG, "The request line is over the limit");
      case 431 -> GatewayError.of(ErrorCode.HEADERS_TOO_LARGE, "The request headers are over the limit");
      default -> GatewayError.of(ErrorCode.INVALID_PARAMETER, "Malformed HTTP request");
    };
    String requestId = RequestIds.generate();
    byte[] body = ErrorBody.render(error.withField("http", refusal.reason()), requestId).getBytes();
    String head = "HTTP/1.1 " + refusal.status() + " " + reason(refusal.status())
        + "\r\nContent-Type: application/json\r\nConnection: close\r\nx-request-id: " + requestId
        + "\r\nContent-Length: " + body.length + "\r\n\r\n";
    return Unpooled.wrappedBuffer(head.getBytes(StandardCharsets.ISO_8859_1), body);
  }

  private static String reason(int status) {
    return switch (status) {
      case 414 -> "URI Too Long";
      case 431 -> "Request Header Fields Too Large";
      default -> "Bad Request";
    };
  }

  private void cancelTimer() {
    if (headerTimer != null) {
      headerTimer.cancel(false);
      headerTimer = null;
    }
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    cancelTimer();
    if (held != null) {
      held.release();
      held = null;
    }
  }
}
