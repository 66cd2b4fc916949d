package com.edgepay.gateway.edge;

import io.netty.buffer.ByteBuf;

/**
 * The framing facts of one raw request head, read straight from the bytes, and whether the head
 * is acceptable. Strict on purpose: whatever two parsers could read differently is refused. A
 * well-formed head is checked without allocating.
 *
 * @param problem why the head is refused, or null
 */
record HeaderBlock(String problem, boolean chunked, long contentLength) {
  private static final HeaderBlock EMPTY = new HeaderBlock(null, false, 0);
  private static final byte[] TRANSFER_ENCODING = "transfer-encoding".getBytes();
  private static final byte[] CONTENT_LENGTH = "content-length".getBytes();
  private static final byte[] CHUNKED = "chunked".getBytes();

  /** Checks {@code head[from, to)}, which ends with the blank line (CRLF CRLF). */
  static HeaderBlock check(ByteBuf head, int from, int to) {
    boolean chunked = false;
    boolean transferEncoding = false;
    long length = -1;
    int end = to - 2;
    boolean requestLine = true;
    for (int start = from; start < end; ) {
      int lf = head.indexOf(start, end, (byte) '\n');
      if (lf < 0 || lf == start || head.getByte(lf - 1) != '\r') {
        return refused("bare CR or LF line ending");
      }
      int lineEnd = lf - 1;
      if (head.indexOf(start, lineEnd, (byte) '\r') >= 0) {
        return refused("bare CR or LF line ending");
      }
      if (requestLine) {
        requestLine = false;
      } else {
        byte first = head.getByte(start);
        if (first == ' ' || first == '\t') {
          return refused("obsolete line folding");
        }
        int colon = head.indexOf(start, lineEnd, (byte) ':');
        if (colon <= start) {
          return refused("malformed header line");
        }
        if (nameIs(head, start, colon, TRANSFER_ENCODING)) {
          if (transferEncoding || !valueIs(head, colon + 1, lineEnd, CHUNKED)) {
            return refused("Transfer-Encoding other than a single chunked");
          }
          transferEncoding = true;
          chunked = true;
        } else if (nameIs(head, start, colon, CONTENT_LENGTH)) {
          long parsed = digits(head, colon + 1, lineEnd);
          if (parsed < 0 || (length >= 0 && length != parsed)) {
            return refused("invalid or conflicting Content-Length");
          }
          length = parsed;
        }
      }
      start = lf + 1;
    }
    if (transferEncoding && length >= 0) {
      return refused("both Content-Length and Transfer-Encoding");
    }
    return chunked || length > 0 ? new HeaderBlock(null, chunked, Math.max(length, 0)) : EMPTY;
  }

  private static boolean nameIs(ByteBuf b, int from, int to, byte[] lowerName) {
    if (to - from != lowerName.length) {
      return false;
    }
    for (int i = 0; i < lowerName.length; i++) {
      if ((b.getByte(from + i) | 0x20) != lowerName[i] && b.getByte(from + i) != lowerName[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean valueIs(ByteBuf b, int from, int to, byte[] lowerValue) {
    while (from < to && isSpace(b.getByte(from))) {
      from++;
    }
    while (to > from && isSpace(b.getByte(to - 1))) {
      to--;
    }
    return nameIs(b, from, to, lowerValue);
  }

  private static long digits(ByteBuf b, int from, int to) {
    while (from < to && isSpace(b.getByte(from))) {
      from++;
    }
    while (to > from && isSpace(b.getByte(to - 1))) {
      to--;
    }
    if (to == from || to - from > 18) {
      return -1;
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      byte c = b.getByte(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static boolean isSpace(byte c) {
    return c == ' ' || c == '\t';
  }

  private static HeaderBlock refused(String why) {
    return new HeaderBlock(why, false, 0);
  }
}
