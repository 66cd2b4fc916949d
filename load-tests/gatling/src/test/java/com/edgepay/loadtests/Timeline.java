package com.edgepay.loadtests;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Latency over time, gathered from the virtual users themselves (each request saves its response time
 * in the session; the chain hands it here). Gatling's HTML report draws the same curves; this table
 * puts the numbers in the Markdown summary, so a soak's drift (or its absence) is visible in git.
 */
final class Timeline {

  private final long windowMillis;
  private final AtomicLong origin = new AtomicLong();
  private final Map<Long, Window> windows = new ConcurrentHashMap<>();

  Timeline(long windowMillis) {
    this.windowMillis = Math.max(1000, windowMillis);
  }

  /** A response that arrived now, which took {@code millis} (or -1 if none arrived). */
  void record(int millis, boolean ok) {
    long now = System.currentTimeMillis();
    origin.compareAndSet(0, now);
    long index = (now - origin.get()) / windowMillis;
    windows.computeIfAbsent(index, i -> new Window()).add(millis, ok);
  }

  /** The table, and a one-line verdict comparing the last full window with the first. */
  String markdown() {
    TreeMap<Long, Window> sorted = new TreeMap<>(windows);
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "| window (s, from first response) | requests | KO | req/s | p50 ms | p90 ms | p99 ms | max ms |%n"));
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    double seconds = windowMillis / 1000.0;
    for (Map.Entry<Long, Window> e : sorted.entrySet()) {
      Window.Snapshot s = e.getValue().snapshot();
      long from = e.getKey() * windowMillis / 1000;
      out.append(String.format(Locale.ROOT, "| %d-%d | %d | %d | %.1f | %d | %d | %d | %d |%n",
          from, from + (long) seconds, s.count(), s.ko(), s.count() / seconds,
          s.pct(50), s.pct(90), s.pct(99), s.max()));
    }
    // Drift: compare the second window (the first may hold the ramp and JIT warm-up) with the last full one.
    if (sorted.size() >= 4) {
      Window.Snapshot early = sorted.values().stream().skip(1).findFirst().orElseThrow().snapshot();
      Window.Snapshot late = sorted.values().stream().skip(sorted.size() - 2L).findFirst().orElseThrow().snapshot();
      out.append(String.format(Locale.ROOT,
          "%nDrift (second window vs last full window): p50 %d -> %d ms, p99 %d -> %d ms.%n",
          early.pct(50), late.pct(50), early.pct(99), late.pct(99)));
    }
    return out.toString();
  }

  private static final class Window {
    private int[] latencies = new int[1024];
    private int size;
    private long ko;
    private long count;

    synchronized void add(int millis, boolean ok) {
      count++;
      if (!ok) {
        ko++;
      }
      if (millis < 0) {
        return;
      }
      if (size == latencies.length) {
        latencies = Arrays.copyOf(latencies, size * 2);
      }
      latencies[size++] = millis;
    }

    synchronized Snapshot snapshot() {
      int[] copy = Arrays.copyOf(latencies, size);
      Arrays.sort(copy);
      return new Snapshot(copy, count, ko);
    }

    /** {@code sorted}: the response times of the requests that got an answer. */
    record Snapshot(int[] sorted, long count, long ko) {

      /** Nearest-rank percentile. */
      int pct(double p) {
        if (sorted.length == 0) {
          return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
      }

      int max() {
        return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
      }
    }
  }
}
