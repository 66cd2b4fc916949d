package com.edgepay.gateway.edge;

/**
 * One header field of a request head as {@link StrictFraming} reads it, a byte at a time: its
 * name is recognised only as far as framing cares (Content-Length, Transfer-Encoding, and the
 * Hixie-76 WebSocket keys that make Netty read a body of its own), and only those values are kept,
 * parsed strictly. {@code Upgrade} itself is harmless here: h2c is off and nothing upgrades, and
 * Java's own HTTP client sends {@code Upgrade: h2c} on every plain-text request.
 */
final class HeaderField {
  enum Kind { OTHER, CONTENT_LENGTH, TRANSFER_ENCODING, FORBIDDEN }

  private static final boolean[] TCHAR = new boolean[128];
  private static final byte[][] NAMES = {
      "content-length".getBytes(), "transfer-encoding".getBytes(),
      "sec-websocket-key1".getBytes(), "sec-websocket-key2".getBytes()};
  private static final Kind[] KINDS = {Kind.CONTENT_LENGTH, Kind.TRANSFER_ENCODING, Kind.FORBIDDEN, Kind.FORBIDDEN};
  private static final byte[] CHUNKED = "chunked".getBytes();
  private static final byte[] CONTENT_LENGTH = "content-length".getBytes();
  private static final byte[] CONTENT_TYPE = "content-type".getBytes();
  private static final int LONGEST_NAME = 18;
  private static final int MAX_LENGTH_DIGITS = 18;

  static {
    for (char c = '0'; c <= '9'; c++) {
      TCHAR[c] = true;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      TCHAR[c] = true;
      TCHAR[c - 32] = true;
    }
    for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
      TCHAR[c] = true;
    }
  }

  private final byte[] name = new byte[LONGEST_NAME];
  private int nameLength;
  private Kind kind;
  private long digits;
  private int digitCount;
  private int chunkedMatched;
  private boolean valueStarted;
  private boolean valueEnded;
  private String problem;

  static boolean isTchar(byte b) {
    return b >= 0 && TCHAR[b];
  }

  void start(byte first) {
    nameLength = 0;
    kind = null;
    digits = 0;
    digitCount = 0;
    chunkedMatched = 0;
    valueStarted = false;
    valueEnded = false;
    problem = null;
    nameByte(first);
  }

  void nameByte(byte b) {
    if (nameLength < LONGEST_NAME) {
      name[nameLength] = (byte) (b | 0x20);
    }
    nameLength++;
  }

  /** The field's kind, known once its name is complete. */
  Kind kind() {
    if (kind == null) {
      kind = Kind.OTHER;
      for (int k = 0; k < NAMES.length && nameLength <= LONGEST_NAME; k++) {
        if (sameName(NAMES[k])) {
          kind = KINDS[k];
        }
      }
      if (kind == Kind.OTHER && readAsContentLengthByVertx()) {
        kind = Kind.FORBIDDEN;
      }
    }
    return kind;
  }

  /**
   * Vert.x's decoder recognises Content-Length and Content-Type without looking at their ninth
   * letter, so it frames a body for {@code Content-Xength} too: any such name is refused rather than
   * read two ways.
   */
  private boolean readAsContentLengthByVertx() {
    return readByVertxAs(CONTENT_LENGTH) || readByVertxAs(CONTENT_TYPE);
  }

  private boolean readByVertxAs(byte[] lower) {
    if (nameLength != lower.length) {
      return false;
    }
    for (int i = 0; i < nameLength; i++) {
      if (i != 8 && name[i] != lower[i]) {
        return false;
      }
    }
    return name[8] != lower[8];
  }

  private boolean sameName(byte[] lower) {
    if (lower.length != nameLength) {
      return false;
    }
    for (int i = 0; i < nameLength; i++) {
      if (name[i] != lower[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * One byte of the value (never CR; control characters are refused before). Leading and trailing
   * blanks are optional whitespace; inside a Content-Length or Transfer-Encoding value nothing but
   * the one value may appear.
   *
   * @return false when the value cannot be accepted ({@link #problem()})
   */
  boolean valueByte(byte b) {
    Kind k = kind();
    if (k == Kind.OTHER) {
      return true;
    }
    boolean blank = b == ' ' || b == '\t';
    if (blank) {
      valueEnded = valueStarted;
      return true;
    }
    if (valueEnded) {
      return fail("a framing header holds one value");
    }
    valueStarted = true;
    if (k == Kind.CONTENT_LENGTH) {
      if (b < '0' || b > '9' || ++digitCount > MAX_LENGTH_DIGITS) {
        return fail("Content-Length must be digits only");
      }
      digits = digits * 10 + (b - '0');
      return true;
    }
    if (chunkedMatched >= CHUNKED.length || (b | 0x20) != CHUNKED[chunkedMatched]) {
      return fail("Transfer-Encoding must be exactly chunked");
    }
    chunkedMatched++;
    return true;
  }

  /** The Content-Length value, or -1 when it had none. */
  long contentLength() {
    return digitCount == 0 ? -1 : digits;
  }

  boolean isChunked() {
    return chunkedMatched == CHUNKED.length;
  }

  String problem() {
    return problem;
  }

  private boolean fail(String why) {
    problem = why;
    return false;
  }
}
