package com.edgepay.gateway.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LatencyTableTest {

  private static final Logger LOG = LoggerFactory.getLogger(LatencyTableTest.class);
  private static final long SEED = 7_340_033L;
  private static final int SAMPLES = 1_000_000;

  static Stream<Arguments> publishedPercentiles() {
    return Stream.of(
        Arguments.of("POST /orders", 0.5, 46.14),
        Arguments.of("POST /orders", 0.9, 68.42),
        Arguments.of("POST /orders", 0.99, 583.0),
        Arguments.of("POST /orders", 0.999, 1511.28),
        Arguments.of("POST /orders", 0.9999, 2398.42),
        Arguments.of("POST /txns", 0.5, 19.8),
        Arguments.of("POST /txns", 0.9, 290.0),
        Arguments.of("POST /txns", 0.99, 429.0),
        Arguments.of("POST /txns", 0.999, 429.0),
        Arguments.of("GET /orders/:order_id", 0.9, 55.71),
        Arguments.of("GET /orders/:order_id", 0.99, 351.85),
        Arguments.of("GET /orders/:order_id", 0.999, 594.42),
        Arguments.of("GET /orders/:order_id", 0.9999, 1431.42));
  }

  @ParameterizedTest(name = "{0} p{1} ~ {2} ms")
  @MethodSource("publishedPercentiles")
  void empiricalQuantilesMatchJuspaysTable(String route, double p, double publishedMs) {
    LOG.info("latency sampling seed {}", SEED);
    SplittableRandom random = new SplittableRandom(SEED);
    LatencyTable table = LatencyTable.forRoute(route);
    double[] draws = new double[SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
      draws[i] = table.sampleMillis(random);
    }
    Arrays.sort(draws);
    double empirical = draws[(int) Math.floor(p * (SAMPLES - 1))];
    // The far tail rests on few samples, so it gets a looser bound than the body of the curve.
    double tolerance = p >= 0.9999 ? 0.15 : 0.05;
    assertEquals(publishedMs, empirical, publishedMs * tolerance,
        () -> route + " p" + p + " was " + empirical);
  }

  @Test
  void quantileIsExactAtPublishedPointsAndLinearBetween() {
    LatencyTable table = LatencyTable.CREATE_ORDER;
    assertEquals(46.14, table.quantile(0.5), 1e-9);
    assertEquals(68.42, table.quantile(0.9), 1e-9);
    assertEquals((46.14 + 68.42) / 2, table.quantile(0.7), 1e-9);
    assertEquals(20.0, table.quantile(0), 1e-9);
    assertEquals(2900.0, table.quantile(1), 1e-9);
  }

  @Test
  void samplesStayBetweenFloorAndCap() {
    SplittableRandom random = new SplittableRandom(SEED);
    for (LatencyTable table : new LatencyTable[] {
        LatencyTable.CREATE_ORDER, LatencyTable.TXNS, LatencyTable.ORDER_STATUS}) {
      double floor = table.quantile(0);
      double cap = table.quantile(1);
      for (int i = 0; i < 100_000; i++) {
        double ms = table.sampleMillis(random);
        assertTrue(ms >= floor && ms <= cap, "sample " + ms + " outside " + floor + ".." + cap);
      }
    }
  }

  @Test
  void everyRouteHasTheTableTheBriefAssigns() {
    assertSame(LatencyTable.CREATE_ORDER, LatencyTable.forRoute("POST /orders/:order_id"));
    assertSame(LatencyTable.CREATE_ORDER, LatencyTable.forRoute("POST /orders/:order_id/refunds"));
    assertSame(LatencyTable.CREATE_ORDER, LatencyTable.forRoute("POST /session"));
    assertSame(LatencyTable.TXNS, LatencyTable.forRoute("POST /v2/txns/:txn_uuid/capture"));
    assertSame(LatencyTable.TXNS, LatencyTable.forRoute("POST /v2/txns/:txn_uuid/void"));
    assertSame(LatencyTable.ORDER_STATUS, LatencyTable.forRoute("GET /orders/:order_id"));
    assertThrows(IllegalArgumentException.class, () -> LatencyTable.forRoute("GET /nowhere"));
  }

  @Test
  void noneModePlansNoLatencyButKeepsFaultDelay() {
    SplittableRandom random = new SplittableRandom(SEED);
    FaultRule delay = new FaultRule(new FaultRule.Match(null, null, null), null, 300, false, false, 1, false, 0, 0);
    assertEquals(0, JuspayGate.plannedDelayMillis(LatencyMode.NONE, JuspayRoute.CREATE_ORDER, random,
        Optional.empty()));
    assertEquals(300, JuspayGate.plannedDelayMillis(LatencyMode.NONE, JuspayRoute.CREATE_ORDER, random,
        Optional.of(delay)));
    long table = JuspayGate.plannedDelayMillis(LatencyMode.TABLE, JuspayRoute.TXNS, random,
        Optional.of(delay));
    assertTrue(table >= 305 && table <= 1100, "table latency plus fault was " + table);
  }
}
