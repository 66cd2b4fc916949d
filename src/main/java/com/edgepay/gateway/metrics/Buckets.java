package com.edgepay.gateway.metrics;

import java.time.Duration;
import java.util.stream.DoubleStream;

/**
 * Histogram boundaries. Sub-millisecond ones resolve the gateway's own time; the rest are the
 * values of Juspay's latency tables, so "share of /orders under 583 ms" is a bucket, not a guess.
 */
final class Buckets {
  private static final double[] SECONDS = {
      0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
      0.0198, // /txns TP50
      0.025,
      0.046, // /orders TP50 (46.14 ms)
      0.05571, // status TP90
      0.068, // /orders TP90 (68.42 ms)
      0.1, 0.2,
      0.29, // /txns TP90
      0.35185, // status TP99
      0.429, // /txns TP99 and TP99.9
      0.5,
      0.583, // /orders TP99
      0.59442, // status TP99.9
      1.0, // /txns recommended timeout
      1.43142, // status TP99.99
      1.511, // /orders TP99.9 (1511.28 ms)
      2.0, // /orders recommended timeout
      2.39842, // /orders TP99.99
      3.0, // /orders TP99.99 recommended timeout
      5.0, 10.0};

  static final Duration[] DURATIONS = DoubleStream.of(SECONDS)
      .mapToObj(s -> Duration.ofNanos(Math.round(s * 1e9)))
      .toArray(Duration[]::new);

  private Buckets() {
  }
}
