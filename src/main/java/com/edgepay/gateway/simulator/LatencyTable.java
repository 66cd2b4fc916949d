package com.edgepay.gateway.simulator;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Juspay's published latency percentiles turned into a sampler: a uniform draw is mapped through the
 * inverse CDF, interpolated linearly between the published percentile points.
 *
 * <p>Juspay publishes no minimum and no maximum, so each table adds a floor at p=0 and a cap at p=1.
 * The floors are plausible round-trip minimums well under the median. The caps stay below the timeout
 * Juspay recommends for the route, because Juspay derived those timeouts from the same data: the
 * simulator on its own never exceeds them, and a test that wants a timeout uses a delay fault.
 */
public final class LatencyTable {

  /** Create order (also update order, session and refunds). Recommended timeouts 2 s, and 3 s for TP99.99. */
  public static final LatencyTable CREATE_ORDER = new LatencyTable(
      new double[] {0, 0.5, 0.9, 0.99, 0.999, 0.9999, 1},
      new double[] {20, 46.14, 68.42, 583, 1511.28, 2398.42, 2900});

  /**
   * {@code /txns} (also capture and void). TP99 and TP99.9 are both 429 ms as published, so that
   * stretch of the curve is flat. Recommended timeout 1 s; the cap stays well below it.
   */
  public static final LatencyTable TXNS = new LatencyTable(
      new double[] {0, 0.5, 0.9, 0.99, 0.999, 1},
      new double[] {5, 19.8, 290, 429, 429, 800});

  /**
   * Order status. Juspay publishes no TP50 here; we assume the status read has the same TP90/TP50 ratio
   * as create order (68.42 / 46.14), which puts TP50 near 37.6 ms. No timeout is published, so the
   * cap is 2 s, a modest stretch beyond TP99.99.
   */
  public static final LatencyTable ORDER_STATUS = new LatencyTable(
      new double[] {0, 0.5, 0.9, 0.99, 0.999, 0.9999, 1},
      new double[] {15, 37.6, 55.71, 351.85, 594.42, 1431.42, 2000});

  private final double[] percentiles;
  private final double[] millis;

  LatencyTable(double[] percentiles, double[] millis) {
    if (percentiles.length != millis.length || percentiles.length < 2
        || percentiles[0] != 0 || percentiles[percentiles.length - 1] != 1) {
      throw new IllegalArgumentException("a table needs matching points from p=0 to p=1");
    }
    this.percentiles = percentiles.clone();
    this.millis = millis.clone();
  }

  /** The table for a route key such as {@code "POST /orders"}. */
  public static LatencyTable forRoute(String routeKey) {
    return JuspayRoute.fromKey(routeKey)
        .orElseThrow(() -> new IllegalArgumentException("unknown route " + routeKey))
        .latencyTable();
  }

  /** Latency in milliseconds at cumulative probability {@code p} (0..1). */
  public double quantile(double p) {
    if (p <= 0) {
      return millis[0];
    }
    if (p >= 1) {
      return millis[millis.length - 1];
    }
    int found = Arrays.binarySearch(percentiles, p);
    if (found >= 0) {
      return millis[found];
    }
    int upper = -found - 1;
    int lower = upper - 1;
    double fraction = (p - percentiles[lower]) / (percentiles[upper] - percentiles[lower]);
    return millis[lower] + fraction * (millis[upper] - millis[lower]);
  }

  /** One latency draw in milliseconds. */
  public double sampleMillis(SplittableRandom random) {
    return quantile(random.nextDouble());
  }
}
