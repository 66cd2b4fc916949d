package com.edgepay.gateway.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.edgepay.gateway.edge.StrictRequestFramer.Framing;
import com.edgepay.gateway.edge.StrictRequestFramer.Request;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The oracle's framer on its own: what it frames, and where it stops. */
class StrictRequestFramerTest {
  private static final StrictRequestFramer FRAMER = new StrictRequestFramer(64, 128);

  private static Framing read(String s) {
    return FRAMER.read(Bytes.of(s));
  }

  private static Request req(String method, String target, String version, String body) {
    return new Request(method, target, version, Bytes.of(body));
  }

  @Test
  void framesPipelinedRequests() {
    Framing f = read("GET /a HTTP/1.1\r\nHost: x\r\n\r\n"
        + "POST /b HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc"
        + "\r\n" // an empty line before a request is allowed
        + "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2;a=b;c=\"d\\\"e\"\r\nxy\r\nA\r\n0123456789\r\n000\r\nT: 1\r\n\r\n"
        + "GET /d HTTP/1.0\r\nX-Empty:\r\nX-Obs: caf\u00e9\t\r\n\r\n");
    assertTrue(f.valid(), f::toString);
    assertTrue(f.clean());
    assertEquals(List.of(req("GET", "/a", "HTTP/1.1", ""), req("POST", "/b", "HTTP/1.1", "abc"),
        req("POST", "/c", "HTTP/1.1", "xy0123456789"), req("GET", "/d", "HTTP/1.0", "")), f.requests());
  }

  @Test
  void anIncompleteStreamIsNotInvalid() {
    Framing f = read("POST /b HTTP/1.1\r\nContent-Length: 5\r\n\r\nab");
    assertTrue(f.valid());
    assertFalse(f.clean());
    assertEquals(req("POST", "/b", "HTTP/1.1", "ab"), f.partial());
    assertTrue(f.partialHead());
    Framing head = read("GET /a HTTP/1.1\r\nHo");
    assertTrue(head.valid());
    assertFalse(head.partialHead());
  }

  /** Stream (Java escapes, undone below) | index of the first invalid byte | part of the reason. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "' GET / HTTP/1.1\\r\\n\\r\\n' | 0 | method",
      "'\\nGET / HTTP/1.1\\r\\n\\r\\n' | 0 | method",
      "'\\r\\rGET / HTTP/1.1\\r\\n\\r\\n' | 1 | CR not followed by LF",
      "'GET  / HTTP/1.1\\r\\n\\r\\n' | 4 | empty or non-VCHAR",
      "'GET\\t/ HTTP/1.1\\r\\n\\r\\n' | 3 | exactly one SP",
      "'G(T / HTTP/1.1\\r\\n\\r\\n' | 1 | exactly one SP",
      "'GET /\\u00ff HTTP/1.1\\r\\n\\r\\n' | 5 | exactly one SP",
      "'GET / HTTP/1.2\\r\\n\\r\\n' | 13 | version",
      "'GET / http/1.1\\r\\n\\r\\n' | 6 | version",
      "'GET / HTTP/1.1 \\r\\n\\r\\n' | 14 | CRLF",
      "'GET / HTTP/1.1\\nHost: x\\r\\n\\r\\n' | 14 | CRLF",
      "'GET / HTTP/1.1\\r\\nHost: x\\n\\r\\n' | 23 | bare LF",
      "'GET / HTTP/1.1\\r\\nX: a\\rb\\r\\n\\r\\n' | 21 | CR not followed by LF",
      "'GET / HTTP/1.1\\r\\nX: a\\r\\n b\\r\\n\\r\\n' | 22 | obs-fold",
      "'GET / HTTP/1.1\\r\\nX : a\\r\\n\\r\\n' | 17 | not followed by",
      "'GET / HTTP/1.1\\r\\n: a\\r\\n\\r\\n' | 16 | 1*tchar",
      "'GET / HTTP/1.1\\r\\nX: a\\u0001\\r\\n\\r\\n' | 20 | CTL",
      "'GET / HTTP/1.1\\r\\nX: a\\u007f\\r\\n\\r\\n' | 20 | CTL",
      "'GET / HTTP/1.1\\r\\nContent-Xength: 1\\r\\n\\r\\n' | 30 | Content-Length",
      "'GET / HTTP/1.1\\r\\nContent-Length: 1\\r\\nContent-Length: 1\\r\\n\\r\\n' | 52 | duplicate Content-Length",
      "'GET / HTTP/1.1\\r\\nContent-Length: +1\\r\\n\\r\\n' | 34 | 1*18DIGIT",
      "'GET / HTTP/1.1\\r\\nContent-Length: 1,1\\r\\n\\r\\n' | 35 | 1*18DIGIT",
      "'GET / HTTP/1.1\\r\\nContent-Length: 1\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n' | 61 | with Transfer-Encoding",
      "'GET / HTTP/1.1\\r\\nTransfer-Encoding: gzip, chunked\\r\\n\\r\\n' | 48 | exactly chunked",
      "'GET / HTTP/1.0\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n' | 42 | HTTP/1.0",
      "'GET / HTTP/1.1\\r\\nSec-WebSocket-Key1: a\\r\\nSec-WebSocket-Key2: b\\r\\n\\r\\n' | 62 | Sec-WebSocket-Key1",
  })
  void headsStopAtTheFirstBadByte(String escaped, int at, String reason) {
    Framing f = read(unescape(escaped));
    assertFalse(f.valid(), f::toString);
    assertEquals(at, f.invalidAt(), f::toString);
    assertTrue(f.reason().contains(reason), f::toString);
    assertTrue(f.requests().isEmpty());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "'4 x' | 1 | junk",
      "' 4' | 0 | 1*HEXDIG",
      "'4\\t' | 1 | junk",
      "'+4' | 0 | 1*HEXDIG",
      "'0x4' | 1 | junk",
      "'100000000' | 8 | 0x7FFFFFFF",
      "'80000000' | 7 | 0x7FFFFFFF",
      "'00000000000000004' | 16 | 16 digits",
      "'4\\rX' | 2 | CR not followed by LF",
      "'4;' | 2 | extension name",
      "'4;a=' | 4 | extension value",
      "'4;a=\"x\\ry\"' | 6 | quoted-string",
  })
  void chunkLinesStopAtTheFirstBadByte(String escapedLine, int at, String reason) {
    String head = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
    Framing f = read(head + unescape(escapedLine) + "\r\nabcd\r\n0\r\n\r\n");
    assertFalse(f.valid(), f::toString);
    assertEquals(head.length() + at, f.invalidAt(), f::toString);
    assertTrue(f.reason().contains(reason), f::toString);
    assertEquals(req("POST", "/", "HTTP/1.1", ""), f.partial());
  }

  @Test
  void chunkDataMustEndWithCrlfAndTrailersAreStrict() {
    String head = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
    Framing noCrlf = read(head + "4\r\nabcdX\r\n0\r\n\r\n");
    assertEquals(head.length() + 7, noCrlf.invalidAt());
    assertEquals(req("POST", "/", "HTTP/1.1", "abcd"), noCrlf.partial());
    assertEquals(head.length() + 9, read(head + "0\r\nX: a\r\n b\r\n\r\n").invalidAt());
    assertTrue(read(head + "0\r\nContent-Length: 1\r\n\r\n").reason().contains("trailer"));
    assertTrue(read(head + "0\r\nX: 1\r\n\r\n").valid());
  }

  @Test
  void limitsCountLikeNetty() {
    // Request line without CRLF: at most 64 bytes.
    String line64 = "GET /" + "a".repeat(64 - 14) + " HTTP/1.1";
    assertEquals(64, line64.length());
    assertTrue(read(line64 + "\r\n\r\n").valid());
    assertEquals(64, read("GET /" + "a".repeat(51) + " HTTP/1.1\r\n\r\n").invalidAt());
    // Header and trailer lines without CRLF: at most 128 bytes in all.
    String h = "X: " + "b".repeat(60);
    assertTrue(read("GET / HTTP/1.1\r\n" + h + "\r\n" + h + "bb\r\n\r\n").valid());
    Framing over = read("GET / HTTP/1.1\r\n" + h + "\r\n" + h + "bbb\r\n\r\n");
    assertTrue(over.reason().contains("over the limit"), over::toString);
    Framing trailers = read("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n" + h + "\r\n" + h + "\r\n\r\n");
    assertTrue(trailers.reason().contains("headers + trailers"), trailers::toString);
  }

  @Test
  void horizonIsWhereAWholeHeadOrLineHasArrived() {
    Framing head = read("GET / HTTP/1.1\r\nX: a\u0001\r\nY: b\r\n\r\nGET /next HTTP/1.1\r\n\r\n");
    assertEquals("GET / HTTP/1.1\r\nX: a\u0001\r\nY: b\r\n\r\n".length(), head.horizon());
    Framing unfinished = read("GET / HTTP/1.1\r\nX: a\u0001\r\n");
    assertEquals(Integer.MAX_VALUE, unfinished.horizon());
    String chunked = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
    assertEquals((chunked + "4 x\r\n").length(), read(chunked + "4 x\r\nabcd").horizon());
    assertNull(read("X").partial());
  }

  /** Java escapes as written in the CSV sources above. */
  private static String unescape(String s) {
    StringBuilder out = new StringBuilder();
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = s.charAt(++k);
      switch (e) {
        case 'r' -> out.append('\r');
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'u' -> {
          out.append((char) Integer.parseInt(s.substring(k + 1, k + 5), 16));
          k += 4;
        }
        default -> out.append(e);
      }
    }
    return out.toString();
  }
}
