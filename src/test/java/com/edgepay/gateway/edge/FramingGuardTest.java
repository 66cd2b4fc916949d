package com.edgepay.gateway.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The framing guard on its own: what passes through unchanged, and what is refused, in any split. */
class FramingGuardTest {
  private static final String POST = "POST /orders HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\norder_id=o1";
  private static final String CHUNKED = "POST /orders HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
      + "5\r\norder\r\n6\r\n_id=o2\r\n0\r\n\r\n";
  private static final String GET = "GET /orders/o3 HTTP/1.1\r\nHost: x\r\n\r\n";

  private static FramingGuard guard() {
    return new FramingGuard(4096, 8192, 10_000);
  }

  /** The guard in front, and its answer counter behind the (absent) encoder, as on a real connection. */
  private static EmbeddedChannel channel(FramingGuard guard) {
    return new EmbeddedChannel(guard, guard.new Answers());
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

  private static String answer(EmbeddedChannel ch) {
    ByteBuf b = ch.readOutbound();
    if (b == null) {
      return null;
    }
    String text = b.toString(StandardCharsets.ISO_8859_1);
    b.release();
    return text;
  }

  private static ByteBuf bytes(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
  }

  private static void feed(EmbeddedChannel ch, String stream, int split) {
    for (int i = 0; i < stream.length() && ch.isOpen(); i += split) {
      ch.writeInbound(bytes(stream.substring(i, Math.min(stream.length(), i + split))));
    }
  }

  @Test
  void pipelinedRequestsPassByteForByteInAnySplit() {
    String stream = POST + CHUNKED + "\r\n" + GET + POST;
    for (int split = 1; split <= stream.length(); split++) {
      EmbeddedChannel ch = channel(guard());
      feed(ch, stream, split);
      assertEquals(stream, passed(ch), "split " + split);
      assertTrue(ch.isOpen());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "POST /orders HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
      "POST /orders HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n",
      "POST /orders HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n",
      "POST /orders HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunk\r\n\r\n0\r\n\r\n",
      "POST /orders HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
      "POST /orders HTTP/1.0\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
      "POST /orders HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc",
      "POST /orders HTTP/1.0\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 5\r\n\r\nabc",
      "POST /orders HTTP/1.1\r\nHost: x\r\nContent-Length: 3, 3\r\n\r\nabc",
      "POST /orders HTTP/1.1\r\nHost: x\r\nContent-Length: +3\r\n\r\nabc",
      "GET /orders/o1 HTTP/1.1\r\nHost: x\r\nX-Folded: a\r\n b\r\n\r\n",
      "GET /orders/o1 HTTP/1.1\r\nHost: x\nX-Bare: lf\r\n\r\n",
      "GET /orders/o1 HTTP/1.1\r\nHost: x\r\nX-Bare: c\rr\r\n\r\n",
      "GET /orders/o1 HTTP/1.1\r\nNo colon here\r\n\r\n",
      "GET /orders/o1 HTTP/1.1\r\n: empty name\r\n\r\n",
      "GET /orders/o1 HTTP/1.1\r\nHost : x\r\n\r\n",
      "GET /orders/o1 HTTP/1.1\r\nSec-WebSocket-Key1: 4 @1  46546xW%0l 1 5\r\n\r\n",
      "POST /orders HTTP/1.1\r\nHost: x\r\nContent-Xength: 59\r\n\r\n",
      "GET\r/orders/o1\rHTTP/1.1\r\n\r\n",
      "GET  /orders/o1 HTTP/1.1\r\n\r\n",
      "GET /orders/o1 http/1.1\r\n\r\n",
      "GET /orders/o1 HTTP/1.2\r\n\r\n",
      "GET /orders/\u0001o1 HTTP/1.1\r\n\r\n",
      "\u0000GET /orders/o1 HTTP/1.1\r\n\r\n",
      " GET /orders/o1 HTTP/1.1\r\n\r\n",
      "\r\n\r\n\r\nGET /orders/o1 HTTP/1.1\r\n\r\n",
      "POST /o HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n0\r\n\r\n",
      "POST /o HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nX-Trailer: t\r\n\r\n",
      "POST /o HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n100000000\r\n\r\nGET /smuggled HTTP/1.1\r\n\r\n",
      "POST /o HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n80000000\r\nx\r\n0\r\n\r\n",
      "POST /o HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n 4\r\nabcd\r\n0\r\n\r\n",
      "POST /o HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4\rX\r\nabcd\r\n0\r\n\r\n",
      "POST /o HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcdX\r\n0\r\n\r\n"})
  void ambiguousFramingIsRefusedInAnySplitAndNothingOfItPasses(String request) {
    for (int split = 1; split <= request.length(); split++) {
      EmbeddedChannel ch = channel(guard());
      feed(ch, request, split);
      String passed = passed(ch);
      String validHead = "POST /o HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
      if (request.startsWith(validHead)) {
        assertTrue(validHead.startsWith(passed) || passed.startsWith(validHead), "split " + split + ": " + passed);
        assertFalse(passed.contains("smuggled"));
      } else {
        assertEquals("", passed.replace("\r", "").replace("\n", ""), "split " + split + ": a refused head reached the decoder");
      }
      assertTrue(answer(ch).startsWith("HTTP/1.1 400 Bad Request\r\n"), "split " + split);
      assertFalse(ch.isOpen());
    }
  }

  /** The review's first bypass: a chunk size with trailing text, read as the last chunk by the old guard. */
  @Test
  void aChunkSizeWithTrailingTextIsRefusedAndThePipelinedRequestBehindItIsNeverSeen() {
    String hostile = "POST /orders HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n40 x\r\n"
        + "GET /admin HTTP/1.1\r\nHost: x\r\n\r\n" + "x".repeat(30) + "\r\n0\r\n\r\n";
    EmbeddedChannel ch = channel(guard());
    feed(ch, POST + hostile, 1000);
    String passed = passed(ch);
    assertTrue(passed.startsWith(POST) && !passed.contains("/admin"), passed);
    assertNull(answer(ch), "the refusal waits for the answer to the request before it");
    ch.writeOutbound(LastHttpContent.EMPTY_LAST_CONTENT);
    ch.readOutbound();
    assertTrue(answer(ch).startsWith("HTTP/1.1 400 Bad Request\r\n"));
    assertFalse(ch.isOpen());
  }

  /** The review's second bypass: a head over the limits split across reads, then a pipelined request. */
  @Test
  void aHeadOverTheLimitInAnySplitIsRefusedAndNothingBehindItPasses() {
    String big = "GET /orders/o1 HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(9000) + "\r\n\r\n" + GET;
    for (int split : new int[] {1, 7, 100, 4096, 8192, big.length()}) {
      EmbeddedChannel ch = channel(guard());
      feed(ch, big, split);
      assertFalse(passed(ch).contains("\r\n\r\n"), "split " + split);
      assertTrue(answer(ch).startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n"), "split " + split);
      assertFalse(ch.isOpen());
    }
    EmbeddedChannel ch = channel(guard());
    feed(ch, "GET /" + "o".repeat(5000) + " HTTP/1.1\r\n\r\n", 333);
    assertTrue(answer(ch).startsWith("HTTP/1.1 414 URI Too Long\r\n"));
  }

  /** Java's HttpClient asks every plain-text request to upgrade to h2c; the gateway just answers in HTTP/1.1. */
  @Test
  void anUpgradeRequestIsAnOrdinaryRequest() {
    String upgrade = "GET /orders/o1 HTTP/1.1\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
        + "HTTP2-Settings: AAEAAEAAAAIAAAAAAAMAAAAA\r\n\r\n";
    EmbeddedChannel ch = channel(guard());
    ch.writeInbound(bytes(upgrade));
    assertEquals(upgrade, passed(ch));
    assertTrue(ch.isOpen());
  }

  /** Bytes from 0x80 in a value are obs-text, which Netty accepts: not a framing question. */
  @Test
  void eightBitBytesInAValuePass() {
    String request = "GET /orders/o1 HTTP/1.1\r\nHost: caf\u00e9.example\r\n\r\n";
    EmbeddedChannel ch = channel(guard());
    ch.writeInbound(bytes(request));
    assertEquals(request, passed(ch));
    assertTrue(ch.isOpen());
  }

  @Test
  void aStrayEmptyLineAfterABodyIsPassedAtOnce() {
    EmbeddedChannel ch = channel(guard());
    ch.writeInbound(bytes(POST + "\r\n"));
    assertEquals(POST + "\r\n", passed(ch), "the body must not wait behind a CRLF that might start a head");
  }

  @Test
  void aSlowHeaderBlockIsCutOff() {
    EmbeddedChannel ch = channel(new FramingGuard(4096, 8192, 50));
    ch.writeInbound(bytes("GET /orders/o1 HTTP/1.1\r\nHost: x\r\n"));
    ch.advanceTimeBy(60, TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();
    assertEquals("", passed(ch));
    assertTrue(answer(ch).startsWith("HTTP/1.1 400 Bad Request\r\n"));
    assertFalse(ch.isOpen());
  }
}
