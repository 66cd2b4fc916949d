package com.edgepay.gateway.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The raw-byte guard on its own: what passes through unchanged, and what is refused. */
class RawRequestGuardTest {
  private static final String POST = "POST /orders HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\norder_id=o1";
  private static final String CHUNKED = "POST /orders HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
      + "5;ext=1\r\norder\r\n6\r\n_id=o2\r\n0\r\nX-Trailer: t\r\n\r\n";
  private static final String GET = "GET /orders/o3 HTTP/1.1\r\nHost: x\r\n\r\n";

  private static EmbeddedChannel channel() {
    return new EmbeddedChannel(new RawRequestGuard(12_288, 10_000));
  }

  private static String passed(EmbeddedChannel ch) {
    StringBuilder out = new StringBuilder();
    for (Object m = ch.readInbound(); m != null; m = ch.readInbound()) {
      ByteBuf b = (ByteBuf) m;
      out.append(b.toString(StandardCharsets.ISO_8859_1));
      b.release();
    }
    return out.toString();
  }

  private static ByteBuf bytes(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
  }

  @Test
  void pipelinedRequestsPassByteForByteInAnySplit() {
    String stream = POST + CHUNKED + GET + POST;
    for (int split = 1; split < stream.length(); split += 7) {
      EmbeddedChannel ch = channel();
      for (int i = 0; i < stream.length(); i += split) {
        ch.writeInbound(bytes(stream.substring(i, Math.min(stream.length(), i + split))));
      }
      assertEquals(stream, passed(ch), "split " + split);
      assertTrue(ch.isOpen());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "POST /orders HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
      "POST /orders HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n",
      "POST /orders HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n",
      "POST /orders HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
      "POST /orders HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
      "POST /orders HTTP/1.1\r\nHost: x\r\nContent-Length: +3\r\n\r\nabc",
      "GET /orders/o1 HTTP/1.1\r\nHost: x\r\nX-Folded: a\r\n b\r\n\r\n",
      "GET /orders/o1 HTTP/1.1\r\nHost: x\nX-Bare: lf\r\n\r\n",
      "GET /orders/o1 HTTP/1.1\r\nNo colon here\r\n\r\n"})
  void ambiguousFramingIsRefusedAndNothingPasses(String request) {
    EmbeddedChannel ch = channel();
    ch.writeInbound(bytes(request));
    assertEquals("", passed(ch), "nothing of a refused request may reach the decoder");
    ByteBuf answer = ch.readOutbound();
    assertTrue(answer.toString(StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 400 Bad Request\r\n"));
    answer.release();
    assertFalse(ch.isOpen());
  }

  @Test
  void aSmuggledSecondRequestIsNeverSeen() {
    EmbeddedChannel ch = channel();
    ch.writeInbound(bytes(POST + "POST /txns HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"));
    assertEquals(POST, passed(ch));
    assertFalse(ch.isOpen());
  }

  @Test
  void aSlowHeaderBlockIsCutOff() {
    EmbeddedChannel ch = new EmbeddedChannel(new RawRequestGuard(12_288, 50));
    ch.writeInbound(bytes("GET /orders/o1 HTTP/1.1\r\nHost: x\r\n"));
    ch.advanceTimeBy(60, TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();
    assertEquals("", passed(ch));
    assertFalse(ch.isOpen());
  }
}
