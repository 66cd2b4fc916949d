package com.edgepay.gateway.edge;

import com.edgepay.gateway.config.GatewayConfigParser;
import com.edgepay.gateway.config.ServerSettings;
import com.edgepay.gateway.edge.StrictRequestFramer.Framing;
import com.edgepay.gateway.edge.StrictRequestFramer.Request;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Runs one client byte stream, cut into reads, through [guard, Vert.x's HTTP/1.1 request decoder]
 * in an {@link EmbeddedChannel}, exactly as the public listener stacks them, and judges the result
 * against the {@link StrictRequestFramer} (the oracle):
 *
 * <ul>
 *   <li>either the connection was refused (the guard answered 400/414/431 with Connection: close
 *       and closed it, or the decoder produced a failed DecoderResult, on which Vert.x answers and
 *       closes), and whatever the decoder emitted before is a prefix of what the framer frames;
 *   <li>or the decoder emitted exactly the framer's requests (method, target, version, body
 *       bytes, count) and the framer found nothing invalid.
 * </ul>
 * Also: the guard forwards a prefix of the client's bytes, unchanged.
 */
final class FramingHarness {
  /** The public listener's settings: the gateway's configuration defaults. */
  static final ServerSettings SETTINGS = GatewayConfigParser.parse("defaults", new JsonObject()).server();
  /** As EdgeVerticle configures the listener (the decoder reads its limits from these). */
  static final HttpServerOptions OPTIONS = PublicServerOptions.from(SETTINGS);
  static final StrictRequestFramer FRAMER =
      new StrictRequestFramer(OPTIONS.getMaxInitialLineLength(), OPTIONS.getMaxHeaderSize());
  private static final Pattern REFUSAL =
      Pattern.compile("HTTP/1\\.1 (400|414|431) [^\r\n]*\r\n(?:[^\r\n]+\r\n)*?connection:[ \t]*close[ \t]*\r\n.*",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private FramingHarness() {
  }

  /** What came out of one run. */
  record Run(List<Request> complete, Request partial, String decoderFailure, boolean closed, byte[] response,
             byte[] forwarded, Throwable exception) {
    boolean guardRefused() {
      return closed || response.length > 0;
    }

    boolean refused() {
      return guardRefused() || decoderFailure != null;
    }

    @Override
    public String toString() {
      return "decoder emitted " + complete + (partial == null ? "" : " + in progress " + partial)
          + (decoderFailure == null ? "" : ", decoder failed: " + decoderFailure)
          + (guardRefused() ? ", guard " + (closed ? "closed" : "did not close") + " answering \""
              + Bytes.escape(response, 40) + "\"" : ", not refused")
          + ", forwarded " + forwarded.length + " bytes" + (exception == null ? "" : ", threw " + exception);
    }
  }

  /** Collects what the decoder emits while the connection is open. */
  private static final class Sink extends ChannelInboundHandlerAdapter {
    final List<Request> complete = new ArrayList<>();
    HttpRequest current;
    ByteArrayOutputStream body;
    String failure;
    Throwable exception;
    boolean frozen;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        if (frozen || !ctx.channel().isOpen() || failure != null) {
          return; // what the decoder makes of a closing connection, or after it failed, is not a request
        }
        if (msg instanceof HttpObject o && !o.decoderResult().isSuccess()) {
          failure = String.valueOf(o.decoderResult().cause()); // Vert.x answers 400/414/431 or closes
          return;
        }
        if (msg instanceof HttpRequest r) {
          current = r;
          body = new ByteArrayOutputStream();
        }
        if (msg instanceof HttpContent c) {
          if (current == null) {
            failure = "content without a request";
            return;
          }
          ByteBuf content = c.content();
          byte[] bytes = new byte[content.readableBytes()];
          content.getBytes(content.readerIndex(), bytes);
          body.writeBytes(bytes);
          if (msg instanceof LastHttpContent) {
            complete.add(request(current, body));
            current = null;
            // The application answers each request, in order, as Vert.x does: a guard that defers
            // its refusal until earlier requests are answered sees those answers go out.
            ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
          }
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (!frozen && exception == null) {
        exception = cause;
      }
    }
  }

  /** Records the bytes the guard lets through to the decoder. */
  private static final class Tap extends ChannelInboundHandlerAdapter {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof ByteBuf b) {
        byte[] copy = new byte[b.readableBytes()];
        b.getBytes(b.readerIndex(), copy);
        bytes.writeBytes(copy);
      }
      ctx.fireChannelRead(msg);
    }
  }

  static Request request(HttpRequest r, ByteArrayOutputStream body) {
    return new Request(r.method().name(), r.uri(), r.protocolVersion().text(), body.toByteArray());
  }

  /** Writes {@code stream} in reads cut at {@code cuts} (ascending offsets) and collects the result. */
  static Run run(Supplier<? extends ChannelHandler> guard, byte[] stream, int[] cuts) {
    EmbeddedChannel ch = new EmbeddedChannel();
    Tap tap = new Tap();
    Sink sink = new Sink();
    Throwable thrown = null;
    try {
      ChannelHandler made = guard.get();
      ch.pipeline().addLast("framingGuard", made);
      ch.pipeline().addLast("tap", tap);
      ch.pipeline().addLast("httpDecoder", new VertxHttpRequestDecoder(OPTIONS));
      if (made instanceof FramingGuard framing) {
        // Where production puts it: behind the encoder, counting the answers going out.
        ch.pipeline().addLast("framingAnswers", framing.new Answers());
      }
      ch.pipeline().addLast("sink", sink);
      int from = 0;
      for (int k = 0; k <= cuts.length && ch.isOpen(); k++) {
        int to = k < cuts.length ? Math.min(cuts[k], stream.length) : stream.length;
        if (to > from) {
          ch.writeInbound(Unpooled.wrappedBuffer(stream, from, to - from));
          from = to;
        }
      }
      ch.runPendingTasks();
    } catch (Throwable t) {
      thrown = t;
    }
    boolean closed = !ch.isOpen();
    ByteArrayOutputStream response = new ByteArrayOutputStream();
    for (Object o = ch.readOutbound(); o != null; o = ch.readOutbound()) {
      if (o instanceof ByteBuf b) {
        byte[] copy = new byte[b.readableBytes()];
        b.getBytes(b.readerIndex(), copy);
        response.writeBytes(copy);
      }
      ReferenceCountUtil.release(o);
    }
    sink.frozen = true;
    Request partial = sink.current == null ? null : request(sink.current, sink.body);
    try {
      ch.finishAndReleaseAll();
    } catch (Throwable ignored) {
      // closing the harness's channel says nothing about the stream
    }
    return new Run(List.copyOf(sink.complete), partial, sink.failure, closed, response.toByteArray(),
        tap.bytes.toByteArray(), thrown != null ? thrown : sink.exception);
  }

  /** Ways a run can break the oracle, worst first. */
  enum Kind {
    /** A handler threw. */
    EXCEPTION,
    /** The guard forwarded bytes that are not a prefix of what the client sent. */
    ALTERED_BYTES,
    /** The guard closed without an HTTP/1.1 400/414/431 + Connection: close answer, or answered and kept the connection. */
    BAD_REFUSAL,
    /** The decoder framed a request the framer reads as valid differently (head, body or count): a desync. */
    DESYNC,
    /** The decoder emitted a further request after the point where the framer refuses the stream: smuggling. */
    SMUGGLED,
    /** The decoder dispatched the request the framer refuses (its head, or all of it), nothing after it. */
    INVALID_DISPATCHED,
    /** The framer found the stream invalid, a guard had seen enough to say so, nobody refused, nothing dispatched. */
    UNREFUSED_INVALID,
    /** The guard holds back requests the framer has complete. */
    STALLED,
    /** A well-formed stream from the grammar was refused. */
    VALID_REFUSED
  }

  /** The oracle's answer; {@code kind} null means the run passes. */
  record Verdict(Kind kind, String why, byte[] stream, int[] cuts, Framing framing, Run run) {
    boolean passed() {
      return kind == null;
    }

    /** The guard let invalid bytes through and only Netty's decoder refused them. */
    boolean refusedOnlyByDecoder() {
      return !framing.valid() && run.decoderFailure() != null && !run.guardRefused();
    }

    @Override
    public String toString() {
      return (kind == null ? "PASS" : kind + ": " + why) + "\n  stream \"" + Bytes.escape(stream, 600) + "\"\n  reads "
          + Arrays.toString(cuts.length > 40 ? Arrays.copyOf(cuts, 40) : cuts) + "\n  framer: " + framing
          + "\n  " + run;
    }
  }

  static Verdict check(Supplier<? extends ChannelHandler> guard, byte[] stream, int[] cuts, boolean mustAccept) {
    Framing framing = FRAMER.read(stream);
    Run run = run(guard, stream, cuts);
    return judge(stream, cuts, framing, run, mustAccept);
  }

  static Verdict judge(byte[] stream, int[] cuts, Framing f, Run r, boolean mustAccept) {
    Kind kind = null;
    String why = null;
    if (r.exception() != null) {
      kind = Kind.EXCEPTION;
      why = String.valueOf(r.exception());
    } else if (r.forwarded().length > stream.length
        || !Arrays.equals(r.forwarded(), Arrays.copyOf(stream, r.forwarded().length))) {
      kind = Kind.ALTERED_BYTES;
      why = "forwarded \"" + Bytes.escape(r.forwarded(), 200) + "\"";
    } else if (r.guardRefused() && !(r.closed() && REFUSAL.matcher(
        new String(r.response(), StandardCharsets.ISO_8859_1)).matches())) {
      kind = Kind.BAD_REFUSAL;
      why = r.closed() ? "closed with \"" + Bytes.escape(r.response(), 80) + "\"" : "answered but kept the connection";
    } else {
      Object[] found = compare(f, r);
      if (found != null) {
        kind = (Kind) found[0];
        why = (String) found[1];
      } else if (!r.refused()) {
        boolean inProgressEarly = r.partial() != null && r.complete().size() < f.requests().size();
        if (!f.valid() && f.horizon() <= stream.length) {
          kind = Kind.UNREFUSED_INVALID;
          why = f.reason();
        } else if (r.complete().size() != f.requests().size() || inProgressEarly) {
          boolean allForwarded = r.forwarded().length == stream.length;
          kind = allForwarded ? Kind.DESYNC : Kind.STALLED;
          why = "decoder completed " + r.complete().size() + " requests, framer " + f.requests().size()
              + (allForwarded ? " (the decoder waits for more body than the framer frames)" : " (the guard holds bytes)");
        }
      }
    }
    if (kind == null && mustAccept && (r.refused() || !f.valid())) {
      kind = Kind.VALID_REFUSED;
      why = f.valid() ? "a well-formed stream was refused" : "the framer rejects a grammar stream: " + f.reason();
    }
    return new Verdict(kind, why, stream, cuts, f, r);
  }

  /**
   * Walks the decoder's requests (complete ones, then the one in progress) against the framer's:
   * returns {kind, why} for the worst that is not a prefix of what the framer frames, or null.
   */
  private static Object[] compare(Framing f, Run r) {
    List<Request> framed = f.requests();
    List<Request> decoded = new ArrayList<>(r.complete());
    if (r.partial() != null) {
      decoded.add(r.partial());
    }
    Object[] dispatched = null;
    for (int k = 0; k < decoded.size(); k++) {
      Request d = decoded.get(k);
      boolean complete = k < r.complete().size();
      String which = "decoder request #" + (k + 1) + (complete ? " " : " (in progress) ") + d;
      if (k < framed.size()) {
        Request e = framed.get(k);
        if (!e.sameHead(d) || (complete ? !e.equals(d) : !prefix(d.body(), e.body()))) {
          return new Object[] {Kind.DESYNC, which + " != framer's valid " + e};
        }
        continue;
      }
      if (k > framed.size()) {
        return new Object[] {f.valid() ? Kind.DESYNC : Kind.SMUGGLED, which + (f.valid()
            ? " is not framed by the framer" : " follows the request the framer refuses (" + f.reason() + ")")
            + (dispatched == null ? "" : "; before it, " + dispatched[1])};
      }
      Request p = f.partial();
      Kind otherwise = f.valid() ? Kind.DESYNC : Kind.INVALID_DISPATCHED;
      if (p == null || !p.sameHead(d) || !f.partialHead()) {
        dispatched = new Object[] {otherwise, which + (f.valid() ? " has a head the framer has not finished"
            : " was dispatched though the framer refuses it (" + f.reason() + ")")};
      } else if (complete || !prefix(d.body(), p.body())) {
        dispatched = new Object[] {otherwise, which + (f.valid() ? " ends where the framer still reads its body " + p
            : " was dispatched though the framer refuses its body (" + f.reason() + "); framer's body so far " + p)};
      }
      if (dispatched != null && f.valid()) {
        return dispatched;
      }
    }
    return dispatched;
  }

  private static boolean prefix(byte[] shorter, byte[] longer) {
    return shorter.length <= longer.length && Arrays.equals(shorter, Arrays.copyOf(longer, shorter.length));
  }

  /** Lower-cased reason prefix, for grouping findings. */
  static String signature(Verdict v) {
    String reason = v.framing().valid() ? "framer: valid" : "framer: " + v.framing().reason();
    return v.kind() + " / " + reason.toLowerCase(Locale.ROOT);
  }
}
