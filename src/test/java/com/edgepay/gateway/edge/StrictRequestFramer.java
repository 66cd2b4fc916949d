package com.edgepay.gateway.edge;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * An independent, deliberately strict HTTP/1.1 request framer, written from RFC 9112 (and RFC
 * 9110 for field syntax) for the framing oracle; it shares no code with any guard. Given the bytes
 * a client sent on one connection, it returns the requests they frame (method, request-target,
 * version, body) and the first byte at which the stream stops being unambiguous HTTP/1.1.
 *
 * <p>Accepted, and nothing else:
 * <pre>
 *   stream        = *( *CRLF request )                 ; empty lines before a request (RFC 9112 §2.2),
 *                                                        ; at most the request-line limit's worth
 *   request-line  = method SP request-target SP HTTP-version CRLF
 *   method        = 1*tchar
 *   request-target= 1*( %x21-7E )
 *   HTTP-version  = "HTTP/1.1" / "HTTP/1.0"
 *   field-line    = field-name ":" OWS field-value OWS CRLF     ; no obs-fold, no space before ':'
 *   field-name    = 1*tchar
 *   field-value   = *( VCHAR / obs-text / SP / HTAB )           ; no CTL but HTAB, no DEL
 *   Content-Length    = 1*18DIGIT, at most one field, never with Transfer-Encoding
 *   Transfer-Encoding = exactly "chunked" (any case: coding names are case-insensitive, RFC 9112 7),
 *     at most one field, HTTP/1.1 only
 *   chunk         = 1*16HEXDIG (value &lt;= 0x7FFFFFFF) *( ";" token [ "=" ( token / quoted-string ) ] ) CRLF
 *                   chunk-data CRLF
 *   trailers      = *( field-line ) CRLF, never Content-Length, Transfer-Encoding or Trailer
 *   no Content-Length and no Transfer-Encoding: no body
 * </pre>
 * Also refused, because Netty 4.2.12 would frame it otherwise: a GET carrying both
 * Sec-WebSocket-Key1 and Sec-WebSocket-Key2 without Content-Length or Transfer-Encoding (Netty
 * reads an 8-byte Hixie-76 body), and a field name that Vert.x's decoder reads as Content-Length
 * or Content-Type though it is not. Limits are counted the way Netty counts them: the request line
 * without its CRLF, and the sum of all header and trailer lines
 * without their CRLFs; a chunk line is bounded by the request-line limit.
 *
 * <p>Bare CR, bare LF, CTLs, bytes other than those above: invalid at the first offending byte.
 */
final class StrictRequestFramer {
  /** One framed request. Equality compares the body bytes. */
  record Request(String method, String target, String version, byte[] body) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Request r && r.method.equals(method) && r.target.equals(target)
          && r.version.equals(version) && Arrays.equals(r.body, body);
    }

    @Override
    public int hashCode() {
      return method.hashCode() * 31 + target.hashCode();
    }

    boolean sameHead(Request r) {
      return r.method.equals(method) && r.target.equals(target) && r.version.equals(version);
    }

    @Override
    public String toString() {
      return method + " " + Bytes.escape(target) + " " + version + " body[" + body.length + "]=\""
          + Bytes.escape(body, 80) + "\"";
    }
  }

  /** Where in a request the framer stopped; decides when a guard must have noticed. */
  enum Section { HEAD, CHUNK_LINE, CHUNK_DATA_END, TRAILERS }

  /**
   * What the framer read.
   *
   * @param requests complete requests, in order
   * @param partial the request in progress (body so far) once its request line was read, or null
   * @param partialHead whether the partial request's head was complete and valid
   * @param invalidAt index of the first byte that breaks strict HTTP/1.1, or -1
   * @param reason why, or null
   * @param horizon the index by which a guard reading whole lines or whole heads has seen enough
   *     to refuse (exclusive), or Integer.MAX_VALUE if the stream ends first; -1 if valid
   * @param clean whether the stream ended between requests (nothing pending)
   * @param consumed the offset just past the last complete request
   */
  record Framing(List<Request> requests, Request partial, boolean partialHead, int invalidAt, String reason,
                 int horizon, boolean clean, int consumed) {
    boolean valid() {
      return invalidAt < 0;
    }

    @Override
    public String toString() {
      return (valid() ? "valid" : "invalid at " + invalidAt + " (" + reason + ")") + ", requests " + requests
          + (partial == null ? "" : ", then " + partial + (partialHead ? "" : " (head unfinished or refused)"))
          + (clean ? "" : ", ends mid-request");
    }
  }

  private static final int MAX_CL_DIGITS = 18;
  private static final int MAX_CHUNK_DIGITS = 16;
  private static final long MAX_CHUNK = 0x7FFF_FFFFL;

  private final int maxRequestLine;
  private final int maxHeaderBytes;

  StrictRequestFramer(int maxRequestLine, int maxHeaderBytes) {
    this.maxRequestLine = maxRequestLine;
    this.maxHeaderBytes = maxHeaderBytes;
  }

  /** Stops the read: the stream is invalid at {@code at}, or ran out ({@code at} = length). */
  private static final class Stop extends RuntimeException {
    final boolean invalid;
    final int at;
    final String reason;
    final Section section;
    final int sectionStart;

    Stop(boolean invalid, int at, String reason, Section section, int sectionStart) {
      super(reason, null, false, false);
      this.invalid = invalid;
      this.at = at;
      this.reason = reason;
      this.section = section;
      this.sectionStart = sectionStart;
    }
  }

  /** Reading state for one call. */
  private final class Cursor {
    final byte[] b;
    int i;
    Section section = Section.HEAD;
    /** Where the current head, trailer section, chunk line or chunk delimiter starts. */
    int sectionStart;
    int headerBudget;

    void enter(Section s) {
      section = s;
      sectionStart = i;
    }

    Cursor(byte[] b) {
      this.b = b;
    }

    int peek() {
      if (i >= b.length) {
        throw new Stop(false, b.length, "incomplete", section, sectionStart);
      }
      return b[i] & 0xff;
    }

    int next() {
      int c = peek();
      i++;
      return c;
    }

    Stop invalid(String why) {
      return new Stop(true, i, why, section, sectionStart);
    }

    Stop invalidAt(int at, String why) {
      return new Stop(true, at, why, section, sectionStart);
    }

    void expect(int c, String why) {
      if (peek() != c) {
        throw invalid(why);
      }
      i++;
    }
  }

  Framing read(byte[] bytes) {
    List<Request> requests = new ArrayList<>();
    Cursor c = new Cursor(bytes);
    Head head = null;
    ByteArrayOutputStream body = null;
    int consumed = 0;
    try {
      while (true) {
        head = null;
        body = null;
        c.enter(Section.HEAD);
        if (c.i == bytes.length) {
          return new Framing(requests, null, false, -1, null, -1, true, consumed);
        }
        head = new Head();
        readHead(c, head);
        body = new ByteArrayOutputStream();
        if (head.chunked) {
          readChunked(c, body);
        } else {
          long n = head.contentLength < 0 ? 0 : head.contentLength;
          for (long k = 0; k < n; k++) {
            body.write(c.next());
          }
        }
        requests.add(head.request(body.toByteArray()));
        consumed = c.i;
      }
    } catch (Stop stop) {
      Request partial = head != null && head.version != null
          ? head.request(body == null ? new byte[0] : body.toByteArray()) : null;
      boolean headDone = head != null && head.complete;
      if (!stop.invalid) {
        return new Framing(requests, partial, headDone, -1, null, -1, false, consumed);
      }
      return new Framing(requests, partial, headDone, stop.at, stop.reason, horizon(bytes, stop), false, consumed);
    }
  }

  /** The request head's framing facts. */
  private static final class Head {
    String method;
    String target;
    String version;
    long contentLength = -1;
    boolean transferEncoding;
    boolean chunked;
    boolean key1;
    boolean key2;
    boolean complete;

    Request request(byte[] body) {
      return new Request(method, target, version, body);
    }
  }

  private void readHead(Cursor c, Head head) {
    int blank = c.i;
    // Empty lines before the request line (RFC 9112 §2.2): at most the request-line limit's worth.
    while (c.peek() == '\r') {
      c.i++;
      c.expect('\n', "CR not followed by LF before the request line");
      if (c.i - blank > maxRequestLine) {
        throw c.invalidAt(c.i - 1, "too many empty lines before the request line");
      }
    }
    int start = c.i;
    int method = c.i;
    while (isTchar(c.peek())) {
      checkRequestLine(c, start);
      c.i++;
    }
    if (c.i == method) {
      throw c.invalid("request line: method is not 1*tchar");
    }
    head.method = ascii(c.b, method, c.i);
    checkRequestLine(c, start);
    c.expect(' ', "request line: method not followed by exactly one SP");
    int target = c.i;
    while (c.peek() >= 0x21 && c.peek() <= 0x7e) {
      checkRequestLine(c, start);
      c.i++;
    }
    if (c.i == target) {
      throw c.invalid("request line: empty or non-VCHAR request-target");
    }
    head.target = ascii(c.b, target, c.i);
    checkRequestLine(c, start);
    c.expect(' ', "request line: request-target not followed by exactly one SP");
    int version = c.i;
    for (byte v : "HTTP/1.".getBytes(StandardCharsets.US_ASCII)) {
      checkRequestLine(c, start);
      c.expect(v, "request line: version is not HTTP/1.1 or HTTP/1.0");
    }
    checkRequestLine(c, start);
    int minor = c.peek();
    if (minor != '1' && minor != '0') {
      throw c.invalid("request line: version is not HTTP/1.1 or HTTP/1.0");
    }
    c.i++;
    head.version = ascii(c.b, version, c.i);
    c.expect('\r', "request line: version not followed by CRLF");
    c.expect('\n', "request line: CR not followed by LF");
    c.headerBudget = maxHeaderBytes;
    readFields(c, head, false);
    if (head.method.equals("GET") && head.key1 && head.key2 && head.contentLength < 0 && !head.transferEncoding) {
      throw c.invalidAt(c.i - 2, "GET with Sec-WebSocket-Key1 and -Key2 and no body framing (Netty reads 8 bytes)");
    }
    head.complete = true;
  }

  private void checkRequestLine(Cursor c, int start) {
    if (c.i - start >= maxRequestLine) {
      throw c.invalid("request line over the limit");
    }
  }

  /** Reads field lines up to and including the empty line; head == null for trailers. */
  private void readFields(Cursor c, Head head, boolean trailers) {
    while (true) {
      int lineStart = c.i;
      int first = c.peek();
      if (first == '\r') {
        c.i++;
        c.expect('\n', "empty line: CR not followed by LF");
        return;
      }
      if (first == ' ' || first == '\t') {
        throw c.invalid("obs-fold (line starts with SP/HTAB)");
      }
      while (isTchar(c.peek())) {
        budget(c);
        c.i++;
      }
      if (c.i == lineStart) {
        throw c.invalid("field name is not 1*tchar");
      }
      String name = ascii(c.b, lineStart, c.i).toLowerCase(Locale.ROOT);
      if (misreadByVertx(name)) {
        throw c.invalid("field name Vert.x reads as " + (name.length() == 14 ? "Content-Length" : "Content-Type")
            + " (its decoder skips the 9th byte)");
      }
      budget(c);
      c.expect(':', "field name not followed by ':'");
      int valueStart = c.i;
      while (true) {
        int v = c.peek();
        if (v == '\r') {
          break;
        }
        if (!(v == ' ' || v == '\t' || (v >= 0x21 && v <= 0x7e) || v >= 0x80)) {
          throw c.invalid("field value: CTL, DEL or bare LF");
        }
        budget(c);
        c.i++;
      }
      int lineEnd = c.i;
      c.i++;
      c.expect('\n', "field line: CR not followed by LF");
      String value = trimOws(c.b, valueStart, lineEnd);
      if (trailers) {
        if (name.equals("content-length") || name.equals("transfer-encoding") || name.equals("trailer")) {
          throw c.invalidAt(lineEnd, "trailer field " + name + " (framing fields are not allowed in trailers)");
        }
        continue;
      }
      switch (name) {
        case "content-length" -> {
          if (head.contentLength >= 0) {
            throw c.invalidAt(lineEnd, "duplicate Content-Length");
          }
          if (head.transferEncoding) {
            throw c.invalidAt(lineEnd, "Content-Length with Transfer-Encoding");
          }
          if (value.isEmpty() || value.length() > MAX_CL_DIGITS || !value.chars().allMatch(d -> d >= '0' && d <= '9')) {
            throw c.invalidAt(lineEnd, "Content-Length is not 1*18DIGIT");
          }
          head.contentLength = Long.parseLong(value);
        }
        case "transfer-encoding" -> {
          if (head.transferEncoding) {
            throw c.invalidAt(lineEnd, "duplicate Transfer-Encoding");
          }
          if (head.contentLength >= 0) {
            throw c.invalidAt(lineEnd, "Content-Length with Transfer-Encoding");
          }
          if (!head.version.equals("HTTP/1.1")) {
            throw c.invalidAt(lineEnd, "Transfer-Encoding on HTTP/1.0");
          }
          if (!value.equalsIgnoreCase("chunked")) {
            throw c.invalidAt(lineEnd, "Transfer-Encoding other than exactly chunked");
          }
          head.transferEncoding = true;
          head.chunked = true;
        }
        case "sec-websocket-key1" -> head.key1 = true;
        case "sec-websocket-key2" -> head.key2 = true;
        default -> {
        }
      }
    }
  }

  private void budget(Cursor c) {
    if (--c.headerBudget < 0) {
      throw c.invalid("header section (headers + trailers) over the limit");
    }
  }

  private void readChunked(Cursor c, ByteArrayOutputStream body) {
    while (true) {
      c.enter(Section.CHUNK_LINE);
      int lineStart = c.i;
      long size = 0;
      int digits = 0;
      while (hex(c.peek()) >= 0) {
        chunkLine(c, lineStart);
        size = size * 16 + hex(c.peek());
        if (++digits > MAX_CHUNK_DIGITS || size > MAX_CHUNK) {
          throw c.invalid("chunk size over 16 digits or 0x7FFFFFFF");
        }
        c.i++;
      }
      if (digits == 0) {
        throw c.invalid("chunk size is not 1*HEXDIG");
      }
      while (c.peek() == ';') {
        chunkLine(c, lineStart);
        c.i++;
        token(c, lineStart, "chunk extension name is not a token");
        if (c.peek() == '=') {
          chunkLine(c, lineStart);
          c.i++;
          if (c.peek() == '"') {
            quoted(c, lineStart);
          } else {
            token(c, lineStart, "chunk extension value is not a token or quoted-string");
          }
        }
      }
      chunkLine(c, lineStart);
      c.expect('\r', "chunk line: junk after size/extensions");
      c.expect('\n', "chunk line: CR not followed by LF");
      if (size == 0) {
        c.enter(Section.TRAILERS);
        readFields(c, null, true);
        return;
      }
      for (long k = 0; k < size; k++) {
        body.write(c.next());
      }
      c.enter(Section.CHUNK_DATA_END);
      c.expect('\r', "chunk data not followed by CRLF");
      c.expect('\n', "chunk data not followed by CRLF");
    }
  }

  private void chunkLine(Cursor c, int lineStart) {
    if (c.i - lineStart >= maxRequestLine) {
      throw c.invalid("chunk line over the limit");
    }
  }

  private void token(Cursor c, int lineStart, String why) {
    int start = c.i;
    while (isTchar(c.peek())) {
      chunkLine(c, lineStart);
      c.i++;
    }
    if (c.i == start) {
      throw c.invalid(why);
    }
  }

  private void quoted(Cursor c, int lineStart) {
    c.i++;
    while (true) {
      chunkLine(c, lineStart);
      int q = c.next();
      if (q == '"') {
        return;
      }
      if (q == '\\') {
        int e = c.peek();
        if (!(e == '\t' || e == ' ' || (e >= 0x21 && e <= 0x7e) || e >= 0x80)) {
          throw c.invalid("quoted-pair with a CTL");
        }
        c.i++;
      } else if (!(q == '\t' || q == ' ' || q == 0x21 || (q >= 0x23 && q <= 0x5b) || (q >= 0x5d && q <= 0x7e)
          || q >= 0x80)) {
        throw c.invalidAt(c.i - 1, "quoted-string with a CTL");
      }
    }
  }

  /**
   * The point by which a guard must have refused: heads and trailers are judged once their empty
   * line has arrived, chunk lines once their LF has, a chunk's CRLF byte by byte.
   */
  private static int horizon(byte[] b, Stop stop) {
    if (stop.section == Section.CHUNK_DATA_END) {
      return stop.sectionStart + 2;
    }
    if (stop.section == Section.CHUNK_LINE) {
      for (int k = stop.at; k < b.length; k++) {
        if (b[k] == '\n') {
          return k + 1;
        }
      }
      return Integer.MAX_VALUE;
    }
    for (int k = Math.max(stop.sectionStart, stop.at - 3); k + 3 < b.length; k++) {
      if (b[k] == '\r' && b[k + 1] == '\n' && b[k + 2] == '\r' && b[k + 3] == '\n') {
        return k + 4;
      }
    }
    return Integer.MAX_VALUE;
  }

  /**
   * VertxHttpRequestDecoder.splitHeaderName recognises Content-Length and Content-Type by
   * comparing every byte but the first and the 9th, so "Content-Xength" is Content-Length to it.
   */
  private static boolean misreadByVertx(String lowerName) {
    return lowerName.length() == 14 && lowerName.startsWith("content-") && lowerName.endsWith("ength")
            && lowerName.charAt(8) != 'l'
        || lowerName.length() == 12 && lowerName.startsWith("content-") && lowerName.endsWith("ype")
            && lowerName.charAt(8) != 't';
  }

  static boolean isTchar(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }

  private static int hex(int c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  private static String ascii(byte[] b, int from, int to) {
    return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
  }

  private static String trimOws(byte[] b, int from, int to) {
    while (from < to && (b[from] == ' ' || b[from] == '\t')) {
      from++;
    }
    while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) {
      to--;
    }
    return ascii(b, from, to);
  }
}
