package com.edgepay.gateway.edge;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A test-only guard made of the {@link StrictRequestFramer}: it forwards each head once it is
 * complete and valid, body bytes as they come, and refuses at the framer's first invalid byte,
 * forwarding nothing of a refused head. Not a production guard (it re-reads the whole
 * connection on every read); it exists to check the harness: run through the oracle it must pass
 * every stream, which holds only if everything the framer accepts, Netty frames the same way.
 */
final class ReferenceGuard extends ChannelInboundHandlerAdapter {
  private final StrictRequestFramer framer;
  private final ByteArrayOutputStream seen = new ByteArrayOutputStream();
  private int forwarded;
  /** Where the request in progress starts: requests are framed independently, so reading resumes there. */
  private int start;
  private boolean refused;

  ReferenceGuard(int maxRequestLine, int maxHeaderBytes) {
    this.framer = new StrictRequestFramer(maxRequestLine, maxHeaderBytes);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf in)) {
      ctx.fireChannelRead(msg);
      return;
    }
    try {
      if (refused) {
        return;
      }
      byte[] copy = new byte[in.readableBytes()];
      in.getBytes(in.readerIndex(), copy);
      seen.writeBytes(copy);
      byte[] all = seen.toByteArray();
      StrictRequestFramer.Framing f = framer.read(java.util.Arrays.copyOfRange(all, start, all.length));
      // A head goes on once complete and valid, a body as it comes, up to the first invalid byte.
      int upTo = start + (!f.partialHead() && !f.clean() ? f.consumed()
          : f.valid() ? all.length - start : f.invalidAt());
      start += f.consumed();
      if (upTo > forwarded) {
        ctx.fireChannelRead(Unpooled.wrappedBuffer(all, forwarded, upTo - forwarded));
        forwarded = upTo;
      }
      if (!f.valid()) {
        refused = true;
        String status = f.reason().contains("request line over") ? "414 URI Too Long"
            : f.reason().contains("header section over") ? "431 Request Header Fields Too Large" : "400 Bad Request";
        ctx.writeAndFlush(Unpooled.copiedBuffer("HTTP/1.1 " + status + "\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
            StandardCharsets.ISO_8859_1)).addListener(ChannelFutureListener.CLOSE);
      }
    } finally {
      in.release();
    }
  }
}
