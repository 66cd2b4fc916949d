package com.edgepay.gateway.edge;

import java.nio.charset.StandardCharsets;

/** Byte strings for framing tests: Java-escaped display, and ISO-8859-1 literals. */
final class Bytes {
  private Bytes() {
  }

  static byte[] of(String latin1) {
    return latin1.getBytes(StandardCharsets.ISO_8859_1);
  }

  static String escape(String s) {
    return escape(of(s), Integer.MAX_VALUE);
  }

  static String escape(byte[] b) {
    return escape(b, Integer.MAX_VALUE);
  }

  /** Java string-literal escaping (\r \n \t \" \\ and \\u00XX), cut at {@code max} bytes. */
  static String escape(byte[] b, int max) {
    StringBuilder out = new StringBuilder();
    for (int k = 0; k < b.length && k < max; k++) {
      int c = b[k] & 0xff;
      switch (c) {
        case '\r' -> out.append("\\r");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20 || c >= 0x7f) {
            out.append(String.format("\\u%04x", c));
          } else {
            out.append((char) c);
          }
        }
      }
    }
    if (b.length > max) {
      out.append("...(").append(b.length).append(" bytes)");
    }
    return out.toString();
  }
}
