package com.edgepay.gateway.idempotency;

import io.vertx.core.buffer.Buffer;

/** A script's answer, whichever runner ran it: an array of texts and byte strings, or one integer. */
interface ScriptReply {
  int size();

  /** Element {@code i} as text; "" when it is nil. */
  String text(int i);

  /** Element {@code i} as bytes (a stored body is binary); empty when it is nil. */
  Buffer bytes(int i);

  /** Element {@code i} as a whole number (Lua numbers reach Java as integers or integral texts). */
  default long integer(int i) {
    String t = text(i);
    try {
      return Long.parseLong(t);
    } catch (NumberFormatException fractional) {
      return (long) Double.parseDouble(t);
    }
  }

  /** The reply itself, when the script returned an integer. */
  long number();

  /** Replicas that acknowledged the script's writes, when that was asked for; otherwise as many as wanted. */
  default int replicas() {
    return Integer.MAX_VALUE;
  }
}
