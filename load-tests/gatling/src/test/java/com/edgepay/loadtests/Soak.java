package com.edgepay.loadtests;

/**
 * The CheckoutMix traffic at a modest constant rate for a long time (default 10 users/s, about 55
 * requests/s, for 30 minutes; {@code -Drate}, {@code -Dduration}): a stable gateway shows no KO, and
 * latency percentiles that stay flat from the first window to the last (the summary's latency-over-time
 * table, one row per {@code -Dwindow} seconds, default a tenth of the duration).
 */
public class Soak extends CheckoutMix {

  public Soak() {
    super("Soak", 10, 1800);
  }
}
