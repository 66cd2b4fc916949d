package com.edgepay.gateway.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The guard's arithmetic on made-up JMH results; no timing is measured here. */
class HotPathGuardTest {
  @Test
  void aStepTwiceAsSlowRelativeToCalibrationIsARegression() {
    Map<String, Double> baseline = Map.of("parse", 1.0, "validate", 2.0);
    assertEquals(List.of(), HotPathGuard.regressions(baseline, Map.of("parse", 1.9, "validate", 2.0), 2.0));
    assertEquals(List.of("parse 1.00 -> 2.00"),
        HotPathGuard.regressions(baseline, Map.of("parse", 2.0, "validate", 2.0), 2.0));
    assertEquals(List.of("validate (not measured)"), HotPathGuard.regressions(baseline, Map.of("parse", 1.0), 2.0));
  }

  @Test
  void ratiosAreToTheSameRunsCalibrationSoASlowerMachineIsNotARegression() {
    JsonArray slowMachine = new JsonArray()
        .add(run("com.x.HotPathBenchmark.parse", 3_000)).add(run("com.x.HotPathBenchmark.calibration", 2_000));
    assertEquals(Map.of("parse", 1.5), HotPathGuard.ratios(slowMachine));
    assertEquals(List.of(), HotPathGuard.regressions(Map.of("parse", 1.5), HotPathGuard.ratios(slowMachine), 2.0));
    assertThrows(IllegalArgumentException.class,
        () -> HotPathGuard.ratios(new JsonArray().add(run("com.x.HotPathBenchmark.parse", 1))));
  }

  @Test
  void aStepIsTheMedianOfItsIterationsSoOneDisturbedIterationDoesNotCount() {
    JsonObject metric = new JsonObject().put("score", 400.0)
        .put("rawData", new JsonArray().add(new JsonArray().add(100.0).add(1_500.0).add(101.0).add(99.0).add(200.0)));
    assertEquals(101.0, HotPathGuard.median(metric));
    assertEquals(400.0, HotPathGuard.median(new JsonObject().put("score", 400.0)));
  }

  private static JsonObject run(String benchmark, double score) {
    return new JsonObject().put("benchmark", benchmark).put("primaryMetric", new JsonObject().put("score", score));
  }
}
