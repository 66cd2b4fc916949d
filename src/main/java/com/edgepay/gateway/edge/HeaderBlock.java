package com.edgepay.gateway.edge;

/**
 * The framing facts of one raw request head, and whether it is acceptable. Strict on purpose:
 * whatever two parsers could read differently is refused.
 *
 * @param problem why the head is refused, or null
 */
record HeaderBlock(String problem, boolean chunked, long contentLength) {
  private static final HeaderBlock EMPTY = new HeaderBlock(null, false, 0);

  static HeaderBlock check(String head) {
    String[] lines = head.substring(0, head.length() - 4).split("\r\n", -1);
    boolean chunked = false;
    boolean hasTransferEncoding = false;
    long length = -1;
    for (int n = 0; n < lines.length; n++) {
      String l = lines[n];
      if (l.indexOf('\n') >= 0 || l.indexOf('\r') >= 0) {
        return refused("bare CR or LF line ending");
      }
      if (n == 0) {
        continue;
      }
      if (l.startsWith(" ") || l.startsWith("\t")) {
        return refused("obsolete line folding");
      }
      int colon = l.indexOf(':');
      if (colon <= 0) {
        return refused("malformed header line");
      }
      String name = l.substring(0, colon);
      String value = l.substring(colon + 1).trim();
      if (name.equalsIgnoreCase("transfer-encoding")) {
        if (hasTransferEncoding || !value.equalsIgnoreCase("chunked")) {
          return refused("Transfer-Encoding other than a single chunked");
        }
        hasTransferEncoding = true;
        chunked = true;
      } else if (name.equalsIgnoreCase("content-length")) {
        long parsed = digits(value);
        if (parsed < 0 || (length >= 0 && length != parsed)) {
          return refused("invalid or conflicting Content-Length");
        }
        length = parsed;
      }
    }
    if (hasTransferEncoding && length >= 0) {
      return refused("both Content-Length and Transfer-Encoding");
    }
    return chunked || length > 0 ? new HeaderBlock(null, chunked, Math.max(length, 0)) : EMPTY;
  }

  private static long digits(String v) {
    if (v.isEmpty() || v.length() > 18) {
      return -1;
    }
    for (int i = 0; i < v.length(); i++) {
      if (v.charAt(i) < '0' || v.charAt(i) > '9') {
        return -1;
      }
    }
    return Long.parseLong(v);
  }

  private static HeaderBlock refused(String why) {
    return new HeaderBlock(why, false, 0);
  }
}
