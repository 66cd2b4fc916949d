package com.edgepay.gateway.edge;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** x-request-id: the client's when it is sane, else a fresh one. */
final class RequestIds {
  static final String HEADER = "x-request-id";
  private static final int MAX_LENGTH = 128;

  private RequestIds() {
  }

  static String accept(String fromClient) {
    return fromClient != null && isSane(fromClient) ? fromClient : generate();
  }

  /** A correlation id, not a secret: ThreadLocalRandom keeps it off SecureRandom's lock. */
  static String generate() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
    long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(hi, lo).toString();
  }

  static boolean isSane(String id) {
    if (id.isEmpty() || id.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == ':';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
