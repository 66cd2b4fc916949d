package com.edgepay.gateway.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A check stricter than Juspay's own breaks real checkouts: every sample of its pages must pass. */
class JuspaySamplesTest {
  private final Validator validator = new Validator();

  static Stream<JuspaySamples.Sample> samples() {
    return JuspaySamples.all().stream();
  }

  @Test
  void thePagesHoldTheSamplesWeExpect() {
    List<JuspaySamples.Sample> all = JuspaySamples.all();
    assertEquals(1, all.stream().filter(s -> s.page().equals("create-order-api.md")).count());
    assertTrue(all.stream().filter(s -> s.page().equals("create-order-with-payments.md")).count() >= 15, all.toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void everySamplePasses(JuspaySamples.Sample sample) {
    Violations v = validator.check(sample.route(), sample.body());
    assertTrue(!v.any(), sample + " -> " + v.list());
  }
}
