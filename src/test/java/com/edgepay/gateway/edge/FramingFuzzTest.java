package com.edgepay.gateway.edge;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.edgepay.gateway.edge.FramingHarness.Verdict;
import com.edgepay.gateway.edge.FramingStreams.Sample;
import io.netty.channel.ChannelHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The framing oracle ({@link FramingHarness}) over generated client streams ({@link
 * FramingStreams}), against the guard in {@link GuardUnderTest#FACTORY}.
 *
 * <ul>
 *   <li>Jazzer: {@code JAZZER_FUZZ=1 mvn test -Dtest=FramingFuzzTest#guardKeepsFraming} fuzzes the
 *       guard; {@code #framerAgreesWithNetty} fuzzes the harness itself (the framer-made reference
 *       guard must pass every stream). Without JAZZER_FUZZ they run their seeds (regression mode).
 *   <li>Seeded SplittableRandom runs in every build; the seed is logged, and
 *       {@code -Dframing.seed=N} replays one, {@code -Dframing.streams=N} changes the count.
 *   <li>{@code -Dframing.survey=true -Dtest=FramingFuzzTest#survey} runs hostile streams against
 *       the guard without failing, shrinks each finding and writes the classes to
 *       target/framing-survey.txt.
 * </ul>
 */
class FramingFuzzTest {
  private static final Logger LOG = LoggerFactory.getLogger(FramingFuzzTest.class);
  static final FramingStreams STREAMS = new FramingStreams(
      FramingHarness.OPTIONS.getMaxInitialLineLength(), FramingHarness.OPTIONS.getMaxHeaderSize());

  @FuzzTest(maxDuration = "60s")
  void guardKeepsFraming(FuzzedDataProvider data) {
    Sample s = STREAMS.any(FramingStreams.of(data));
    Verdict v = FramingHarness.check(GuardUnderTest.FACTORY, s.bytes(), s.cuts(), s.wellFormed());
    assertTrue(v.passed(), () -> GuardUnderTest.name() + " " + v + "\n  generated: " + s);
  }

  @FuzzTest(maxDuration = "60s")
  void framerAgreesWithNetty(FuzzedDataProvider data) {
    Sample s = STREAMS.any(FramingStreams.of(data));
    Verdict v = FramingHarness.check(GuardUnderTest.REFERENCE, s.bytes(), s.cuts(), s.wellFormed());
    assertTrue(v.passed(), () -> "reference " + v + "\n  generated: " + s);
  }

  /** Well-formed pipelined streams, in any reads, reach the decoder unchanged and are never refused. */
  @Test
  void wellFormedStreamsPassTheGuardUnchanged() {
    int n = seeded("well-formed streams through " + GuardUnderTest.name(), 10_000, (random, k) -> {
      Sample s = STREAMS.wellFormed(random);
      return FramingHarness.check(GuardUnderTest.FACTORY, s.bytes(), s.cuts(), true);
    });
    LOG.info("{} well-formed streams passed", n);
  }

  /**
   * Hostile streams: every one is refused, or framed by the decoder exactly as the strict framer
   * frames it. The core of the proof; RawRequestGuard fails it (see FramingRegressionTest).
   */
  @Test
  void hostileStreamsAreRefusedOrFramedStrictly() {
    int n = seeded("hostile streams through " + GuardUnderTest.name(), 30_000, (random, k) -> {
      Sample s = STREAMS.hostile(random);
      return FramingHarness.check(GuardUnderTest.FACTORY, s.bytes(), s.cuts(), false);
    });
    LOG.info("{} hostile streams passed", n);
  }

  /**
   * The harness checked against itself: the framer turned into a guard must pass every stream,
   * which holds only if Netty frames everything the framer accepts exactly as the framer does.
   */
  @Test
  void theFramerAgreesWithNettyOnEverythingItAccepts() {
    int n = seeded("hostile streams through the reference guard", 20_000, (random, k) -> {
      Sample s = k % 5 == 0 ? STREAMS.wellFormed(random) : STREAMS.hostile(random);
      return FramingHarness.check(GuardUnderTest.REFERENCE, s.bytes(), s.cuts(), s.wellFormed());
    });
    LOG.info("{} streams passed the reference guard", n);
  }

  /** A check of one generated stream. */
  private interface Trial {
    Verdict run(FramingStreams.Choices random, int k);
  }

  private static int seeded(String what, int defaultCount, Trial trial) {
    long seed = Long.getLong("framing.seed", System.nanoTime());
    int count = Integer.getInteger("framing.streams", defaultCount);
    // In hex: the log masks digit runs that could be card numbers.
    LOG.info("{}: seed 0x{} (-Dframing.seed=0x{} replays), {} streams", what, Long.toHexString(seed),
        Long.toHexString(seed), count);
    SplittableRandom random = new SplittableRandom(seed);
    long start = System.nanoTime();
    for (int k = 0; k < count; k++) {
      Verdict v = trial.run(FramingStreams.of(random), k);
      if (!v.passed()) {
        throw new AssertionError(what + ", seed 0x" + Long.toHexString(seed) + ", stream #" + k + ": " + v);
      }
    }
    LOG.info("{}: {} streams in {} ms", what, count, (System.nanoTime() - start) / 1_000_000);
    return count;
  }

  // ---- survey: the classes of disagreement, for a report ----

  @Test
  @EnabledIfSystemProperty(named = "framing.survey", matches = "true")
  void survey() throws IOException {
    long seed = Long.getLong("framing.seed", 1L);
    int count = Integer.getInteger("framing.streams", 30_000);
    Supplier<ChannelHandler> guard = Boolean.getBoolean("framing.reference") ? GuardUnderTest.REFERENCE
        : GuardUnderTest.FACTORY;
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, List<Verdict>> failures = new TreeMap<>();
    Map<String, Integer> decoderOnly = new TreeMap<>();
    Map<String, Integer> overStrict = new TreeMap<>();
    Map<String, Verdict> overStrictExample = new TreeMap<>();
    long start = System.nanoTime();
    for (int k = 0; k < count; k++) {
      Sample s = STREAMS.hostile(FramingStreams.of(random));
      Verdict v = FramingHarness.check(guard, s.bytes(), s.cuts(), false);
      if (!v.passed()) {
        failures.computeIfAbsent(FramingHarness.signature(v), x -> new ArrayList<>()).add(v);
      } else if (v.refusedOnlyByDecoder()) {
        decoderOnly.merge(v.framing().reason(), 1, Integer::sum);
      } else if (v.framing().valid() && v.run().refused()) {
        String why = v.run().guardRefused() ? "guard" : "decoder: " + v.run().decoderFailure();
        why = why.length() > 120 ? why.substring(0, 120) : why;
        overStrict.merge(why, 1, Integer::sum);
        overStrictExample.merge(why, v, (a, b) -> a.stream().length <= b.stream().length ? a : b);
      }
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    StringBuilder out = new StringBuilder();
    out.append("guard ").append(guard.get().getClass().getSimpleName()).append(", seed ").append(seed).append(", ")
        .append(count).append(" hostile streams in ").append(ms).append(" ms\n\n== oracle failures by class ==\n");
    for (Map.Entry<String, List<Verdict>> e : failures.entrySet()) {
      List<Verdict> vs = e.getValue();
      vs.sort(Comparator.comparingInt(v -> v.stream().length));
      out.append("\n### ").append(e.getKey()).append(" (").append(vs.size()).append(" streams)\n");
      for (int k = 0; k < Math.min(2, vs.size()); k++) {
        out.append(shrink(guard, vs.get(k))).append('\n');
      }
    }
    out.append("\n== refused only by Netty's decoder (the guard forwarded invalid bytes), by framer reason ==\n");
    decoderOnly.forEach((r, n) -> out.append(String.format("%6d  %s%n", n, r)));
    out.append("\n== well-formed by the framer, yet refused ==\n");
    overStrict.forEach((r, n) -> out.append(String.format("%6d  %s%n      e.g. \"%s\"%n", n, r,
        Bytes.escape(overStrictExample.get(r).stream(), 300))));
    Path file = Path.of("target", "framing-survey.txt");
    Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
    LOG.info("survey written to {}\n{}", file.toAbsolutePath(), out);
  }

  /** Deletes bytes while the verdict keeps its class, with one read if that reproduces, else byte by byte. */
  static Verdict shrink(Supplier<ChannelHandler> guard, Verdict v) {
    String signature = FramingHarness.signature(v);
    List<Function<byte[], int[]>> modes = List.of(b -> new int[0], FramingFuzzTest::everyByte);
    Function<byte[], int[]> cutsOf = null;
    for (Function<byte[], int[]> mode : modes) {
      if (v.stream().length <= 4000
          && signature.equals(FramingHarness.signature(FramingHarness.check(guard, v.stream(), mode.apply(v.stream()), false)))) {
        cutsOf = mode;
        break;
      }
    }
    if (cutsOf == null) {
      return v;
    }
    byte[] cur = v.stream();
    for (int chunk = Math.max(1, cur.length / 2); chunk >= 1; chunk /= 2) {
      boolean progress = true;
      while (progress) {
        progress = false;
        for (int at = 0; at + chunk <= cur.length; ) {
          byte[] candidate = FramingStreams.splice(cur, at, at + chunk, new byte[0]);
          Verdict cv = FramingHarness.check(guard, candidate, cutsOf.apply(candidate), false);
          if (signature.equals(FramingHarness.signature(cv))) {
            cur = candidate;
            progress = true;
          } else {
            at += chunk;
          }
        }
      }
    }
    return FramingHarness.check(guard, cur, cutsOf.apply(cur), false);
  }

  static int[] everyByte(byte[] b) {
    int[] cuts = new int[Math.max(0, b.length - 1)];
    for (int k = 0; k < cuts.length; k++) {
      cuts[k] = k + 1;
    }
    return cuts;
  }
}
