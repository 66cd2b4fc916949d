package com.edgepay.gateway.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares a short {@link HotPathBenchmark} run (JMH's JSON results) with the checked-in baseline.
 * Each step is its iterations' median read as a ratio to {@code calibration} measured in the same
 * run, so a slower or faster machine moves both and the ratio stays; a step whose ratio doubles is
 * a regression.
 *
 * <pre>
 *   HotPathGuard results.json baseline.json            fails (exit 1) on a regression
 *   HotPathGuard results.json baseline.json --record   writes the baseline from the results
 * </pre>
 */
public final class HotPathGuard {
  static final double FACTOR = 2.0;
  static final String CALIBRATION = "calibration";

  private HotPathGuard() {
  }

  public static void main(String[] args) throws IOException {
    Map<String, Double> measured = ratios(new JsonArray(Files.readString(Path.of(args[0]))));
    Path baselineFile = Path.of(args[1]);
    if (args.length > 2 && args[2].equals("--record")) {
      JsonObject ratios = new JsonObject();
      measured.forEach(ratios::put);
      Files.writeString(baselineFile, new JsonObject().put("factor", FACTOR).put("ratios", ratios).encodePrettily() + "\n");
      System.out.println("hot-path-guard: baseline written to " + baselineFile);
      return;
    }
    Map<String, Double> baseline = new TreeMap<>();
    new JsonObject(Files.readString(baselineFile)).getJsonObject("ratios")
        .forEach(e -> baseline.put(e.getKey(), ((Number) e.getValue()).doubleValue()));
    for (Map.Entry<String, Double> step : measured.entrySet()) {
      System.out.printf("hot-path-guard: %-12s %6.2f x calibration (baseline %6.2f)%n", step.getKey(), step.getValue(),
          baseline.getOrDefault(step.getKey(), Double.NaN));
    }
    List<String> regressions = regressions(baseline, measured, FACTOR);
    if (!regressions.isEmpty()) {
      System.out.println("hot-path-guard: REGRESSION " + regressions);
      System.exit(1);
    }
    System.out.println("hot-path-guard: no step is " + FACTOR + "x slower than its baseline");
  }

  /** Each step's score over the calibration's score, from JMH's JSON results. */
  static Map<String, Double> ratios(JsonArray jmh) {
    Map<String, Double> scores = new TreeMap<>();
    for (int i = 0; i < jmh.size(); i++) {
      JsonObject run = jmh.getJsonObject(i);
      String method = run.getString("benchmark");
      scores.put(method.substring(method.lastIndexOf('.') + 1), median(run.getJsonObject("primaryMetric")));
    }
    Double calibration = scores.remove(CALIBRATION);
    if (calibration == null || calibration <= 0) {
      throw new IllegalArgumentException("the results hold no calibration run: " + scores.keySet());
    }
    Map<String, Double> ratios = new TreeMap<>();
    scores.forEach((step, score) -> ratios.put(step, score / calibration));
    return ratios;
  }

  /**
   * The median of the measured iterations (JMH's rawData), which one disturbed iteration on a
   * shared CI machine does not move; JMH's own score (the mean) when the raw data is absent.
   */
  static double median(JsonObject metric) {
    JsonArray forks = metric.getJsonArray("rawData");
    if (forks == null || forks.isEmpty()) {
      return metric.getDouble("score");
    }
    List<Double> all = new ArrayList<>();
    forks.forEach(fork -> ((JsonArray) fork).forEach(x -> all.add(((Number) x).doubleValue())));
    all.sort(Double::compare);
    int n = all.size();
    return n % 2 == 1 ? all.get(n / 2) : (all.get(n / 2 - 1) + all.get(n / 2)) / 2;
  }

  /** Steps whose ratio grew by the factor or more, and baseline steps the run lacks. */
  static List<String> regressions(Map<String, Double> baseline, Map<String, Double> measured, double factor) {
    List<String> found = new ArrayList<>();
    for (Map.Entry<String, Double> b : baseline.entrySet()) {
      Double now = measured.get(b.getKey());
      if (now == null) {
        found.add(b.getKey() + " (not measured)");
      } else if (now >= b.getValue() * factor) {
        found.add(String.format("%s %.2f -> %.2f", b.getKey(), b.getValue(), now));
      }
    }
    return found;
  }
}
