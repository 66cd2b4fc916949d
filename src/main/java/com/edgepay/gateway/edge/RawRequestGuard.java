package com.edgepay.gateway.edge;

import com.edgepay.gateway.api.ErrorBody;
import com.edgepay.gateway.api.ErrorCode;
import com.edgepay.gateway.api.GatewayError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Reads each HTTP/1.1 request's raw header block before Netty's decoder does, because the
 * decoder is lenient where smuggling lives: it unfolds obs-fold lines and accepts Content-Length
 * with Transfer-Encoding, or a Transfer-Encoding that is not exactly "chunked". Such requests are
 * refused with 400 and the connection is closed; nothing of them reaches the pipeline. The guard
 * then follows the body's framing (Content-Length or chunks) so that every pipelined request is
 * checked too. It also bounds the time to send a header block (slowloris).
 */
final class RawRequestGuard extends ChannelInboundHandlerAdapter {
  private enum State { HEADERS, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, REFUSED }

  private final int maxHeaderBlock;
  private final long headerTimeoutMs;
  private ByteBuf pending;
  private State state = State.HEADERS;
  private long remaining;
  private final StringBuilder line = new StringBuilder();
  private ScheduledFuture<?> headerTimer;

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RawRequestGuard.class);
  private static final String DECODER = "httpDecoder";

  /**
   * Puts a guard in front of the connection's HTTP decoder. That needs Vert.x's connection class
   * (an internal one); should a Vert.x upgrade change it, the gateway still runs, unguarded, and
   * says so loudly.
   */
  static void install(io.vertx.core.http.HttpConnection connection, com.edgepay.gateway.config.ServerSettings s) {
    if (connection instanceof io.vertx.core.net.impl.ConnectionBase base
        && base.channel().pipeline().get(DECODER) != null) {
      base.channel().pipeline().addBefore(DECODER, "rawRequestGuard",
          new RawRequestGuard(s.maxRequestLineBytes() + s.maxHeaderBytes(), s.headerTimeoutMs()));
    } else if (!warned) {
      warned = true;
      LOG.error("cannot install the raw request guard on {}: request smuggling checks are OFF", connection.getClass());
    }
  }

  private static volatile boolean warned;

  RawRequestGuard(int maxHeaderBlock, long headerTimeoutMs) {
    this.maxHeaderBlock = maxHeaderBlock;
    this.headerTimeoutMs = headerTimeoutMs;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf in)) {
      ctx.fireChannelRead(msg);
      return;
    }
    try {
      int from = in.readerIndex();
      int i = from;
      int end = in.writerIndex();
      while (i < end && state != State.REFUSED) {
        if (state == State.HEADERS) {
          forward(ctx, in, from, i);
          i = headers(ctx, in, i, end);
          from = i;
        } else {
          i = body(in, i, end);
        }
      }
      if (state != State.REFUSED) {
        // Body bytes seen since the last head (none if this buffer ended inside a head).
        forward(ctx, in, from, i);
      }
    } finally {
      in.release();
    }
  }

  /**
   * Finds the end of the head. When it is all in this buffer (the usual case) it is checked and
   * passed on as a slice, with no copy; a head split across reads is gathered first.
   */
  private int headers(ChannelHandlerContext ctx, ByteBuf in, int i, int end) {
    if (pending == null && headerTimer == null) {
      headerTimer = ctx.executor().schedule(() -> refuse(ctx, "header timeout"), headerTimeoutMs, TimeUnit.MILLISECONDS);
    }
    if (pending == null) {
      int terminator = endOfHead(in, i, end);
      if (terminator >= 0) {
        return complete(ctx, in, i, terminator + 1);
      }
      pending = ctx.alloc().buffer(Math.max(256, end - i));
    }
    // Gathering: look for the blank line across the old bytes and the new ones.
    int searchFrom = Math.max(0, pending.writerIndex() - 3);
    pending.writeBytes(in, i, end - i);
    int terminator = endOfHead(pending, searchFrom, pending.writerIndex());
    if (terminator >= 0) {
      int consumedHere = terminator + 1 - (pending.writerIndex() - (end - i));
      ByteBuf head = pending;
      pending = null;
      complete(ctx, head, 0, terminator + 1);
      head.release();
      return state == State.REFUSED ? end : i + consumedHere;
    }
    if (pending.readableBytes() > maxHeaderBlock) {
      // Netty answers 431/414 for these; pass the bytes on and let it.
      ByteBuf tooLong = pending;
      pending = null;
      cancelHeaderTimer();
      ctx.fireChannelRead(tooLong);
      state = State.BODY;
      remaining = Long.MAX_VALUE;
    }
    return end;
  }

  private int complete(ChannelHandlerContext ctx, ByteBuf buf, int from, int to) {
    cancelHeaderTimer();
    HeaderBlock block = HeaderBlock.check(buf, from, to);
    if (block.problem() != null) {
      refuse(ctx, block.problem());
      return to;
    }
    ctx.fireChannelRead(buf.retainedSlice(from, to - from));
    startBody(block);
    return to;
  }

  /** @return the index of the last LF of the first CRLF CRLF in [from, to), or -1 */
  private static int endOfHead(ByteBuf b, int from, int to) {
    for (int lf = b.indexOf(from, to, (byte) '\n'); lf >= 0; lf = b.indexOf(lf + 1, to, (byte) '\n')) {
      if (lf >= from + 3 && b.getByte(lf - 1) == '\r' && b.getByte(lf - 2) == '\n' && b.getByte(lf - 3) == '\r') {
        return lf;
      }
    }
    return -1;
  }

  private void cancelHeaderTimer() {
    if (headerTimer != null) {
      headerTimer.cancel(false);
      headerTimer = null;
    }
  }

  private void startBody(HeaderBlock block) {
    if (block.chunked()) {
      state = State.CHUNK_SIZE;
      line.setLength(0);
    } else if (block.contentLength() > 0) {
      state = State.BODY;
      remaining = block.contentLength();
    } else {
      state = State.HEADERS;
    }
  }

  /** Follows the body's framing without holding its bytes back. */
  private int body(ByteBuf in, int i, int end) {
    switch (state) {
      case BODY, CHUNK_DATA -> {
        long take = Math.min(remaining, end - i);
        remaining -= take;
        if (remaining == 0) {
          state = state == State.BODY ? State.HEADERS : State.CHUNK_END;
          remaining = 2;
        }
        return (int) (i + take);
      }
      case CHUNK_END -> {
        remaining--;
        if (remaining == 0) {
          state = State.CHUNK_SIZE;
          line.setLength(0);
        }
        return i + 1;
      }
      default -> {
        char c = (char) in.getByte(i);
        if (c != '\n') {
          if (line.length() < 1024) {
            line.append(c);
          }
          return i + 1;
        }
        String text = line.toString().trim();
        line.setLength(0);
        if (state == State.CHUNK_SIZE) {
          long size = chunkSize(text);
          state = size <= 0 ? State.TRAILERS : State.CHUNK_DATA;
          remaining = size;
        } else if (text.isEmpty()) {
          state = State.HEADERS;
        }
        return i + 1;
      }
    }
  }

  private static long chunkSize(String text) {
    int semicolon = text.indexOf(';');
    try {
      return Long.parseLong(semicolon < 0 ? text : text.substring(0, semicolon).trim(), 16);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private void forward(ChannelHandlerContext ctx, ByteBuf in, int from, int to) {
    if (to > from) {
      ctx.fireChannelRead(in.retainedSlice(from, to - from));
    }
  }

  private void refuse(ChannelHandlerContext ctx, String why) {
    if (state == State.REFUSED) {
      return;
    }
    state = State.REFUSED;
    if (pending != null) {
      pending.release();
      pending = null;
    }
    String requestId = RequestIds.generate();
    byte[] body = ErrorBody.render(GatewayError.of(ErrorCode.INVALID_PARAMETER, "Malformed HTTP request")
        .withField("http", why), requestId).getBytes();
    String head = "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nConnection: close\r\n"
        + "x-request-id: " + requestId + "\r\nContent-Length: " + body.length + "\r\n\r\n";
    ByteBuf response = Unpooled.wrappedBuffer(head.getBytes(StandardCharsets.ISO_8859_1), body);
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    if (pending != null) {
      pending.release();
      pending = null;
    }
    cancelHeaderTimer();
  }
}
