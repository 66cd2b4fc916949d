package com.edgepay.loadtests;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Order ids that are unique across runs against the same gateway and Redis: a prefix, a run tag (the
 * start second, base 36) and a counter. Letters, digits and '-' only, at most 20 characters, as Juspay's
 * "Alphanumeric with character length less than 21" rule (enforced by the gateway) requires.
 */
final class Ids {

  /** Six base-36 characters of the start time in seconds: repeats only after about 69 years. */
  static final String RUN_TAG = tag();

  private static final AtomicLong COUNTER = new AtomicLong();

  private Ids() {
  }

  static String next(String prefix) {
    String id = prefix + RUN_TAG + "-" + Long.toString(COUNTER.incrementAndGet(), 36);
    if (id.length() > 20) {
      throw new IllegalStateException("order id too long: " + id);
    }
    return id;
  }

  private static String tag() {
    String t = Long.toString(System.currentTimeMillis() / 1000, 36);
    return t.substring(Math.max(0, t.length() - 6));
  }
}
