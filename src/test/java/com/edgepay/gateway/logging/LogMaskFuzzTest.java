package com.edgepay.gateway.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.edgepay.gateway.logging.LogLines.Choices;
import com.edgepay.gateway.logging.LogLines.Line;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The masker against its oracles: no Luhn-valid 13-19 digit card number, in any spacing, survives
 * (checked by {@link ReferenceCards} on the output, and by looking for every card written into a
 * generated line); a line without one comes back unchanged, as the same instance; and the fast
 * scanner masks exactly what the slow reference masks.
 *
 * <p>Jazzer: {@code JAZZER_FUZZ=1 mvn test -Dtest=LogMaskFuzzTest#generatedLines} (or
 * {@code #rawText}); without JAZZER_FUZZ they run their seeds. The seeded runs below go in every
 * build; {@code -Dmask.seed=N} replays one.
 */
class LogMaskFuzzTest {
  private static final Logger LOG = LoggerFactory.getLogger(LogMaskFuzzTest.class);

  @FuzzTest(maxDuration = "60s")
  void generatedLines(FuzzedDataProvider data) {
    Choices c = Choices.of(data);
    check(data.consumeBoolean() ? LogLines.withCards(c) : LogLines.clean(c));
  }

  @FuzzTest(maxDuration = "60s")
  void rawText(FuzzedDataProvider data) {
    check(new Line(data.consumeRemainingAsString(), java.util.List.of()));
  }

  @Test
  void seededLinesWithCardsInAnySpacing() {
    long seed = seed();
    SplittableRandom random = new SplittableRandom(seed);
    LOG.info("masking 30000 generated lines, seed {} (-Dmask.seed={} replays it)", seed, seed);
    int cards = 0;
    for (int i = 0; i < 30_000; i++) {
      Line line = LogLines.withCards(Choices.of(random));
      cards += line.cards().size();
      check(line);
    }
    assertTrue(cards > 3_000, "the generator must write cards: " + cards);
  }

  /** Lines where digit groups chain by accident: only the cards among them may change. */
  @Test
  void seededLinesWithoutCardsWrittenIn() {
    long seed = seed();
    SplittableRandom random = new SplittableRandom(seed);
    LOG.info("masking 30000 lines without cards written in, seed {}", seed);
    for (int i = 0; i < 30_000; i++) {
      check(LogLines.clean(Choices.of(random)));
    }
  }

  /** Paths, ids, UUIDs, timestamps, amounts, addresses: not one character may change. */
  @Test
  void seededOrdinaryLinesComeBackUnchanged() {
    long seed = seed();
    SplittableRandom random = new SplittableRandom(seed);
    LOG.info("masking 30000 ordinary lines, seed {}", seed);
    for (int i = 0; i < 30_000; i++) {
      String line = LogLines.ordinary(Choices.of(random));
      assertSame(line, LogMask.mask(line), line);
    }
  }

  private static void check(Line line) {
    String text = line.text();
    String masked = CardNumbers.mask(text);
    assertEquals(ReferenceCards.mask(text), masked, () -> "fast and reference differ on: " + text);
    String logged = LogMask.mask(text);
    assertTrue(ReferenceCards.find(logged).isEmpty(), () -> "a card survived in: " + logged);
    for (String card : line.cards()) {
      assertFalse(standsAlone(logged, card), () -> "card " + card + " survived in: " + logged + "\n  from: " + text);
    }
    if (ReferenceCards.find(text).isEmpty()) {
      assertSame(text, masked, () -> "a line without a card changed: " + text);
    }
  }

  /** Written between non-digits, as the generator writes every card. */
  private static boolean standsAlone(String line, String card) {
    for (int at = line.indexOf(card); at >= 0; at = line.indexOf(card, at + 1)) {
      int end = at + card.length();
      if ((at == 0 || !CardNumbers.isDigit(line.charAt(at - 1)))
          && (end == line.length() || !CardNumbers.isDigit(line.charAt(end)))) {
        return true;
      }
    }
    return false;
  }

  private static long seed() {
    String replay = System.getProperty("mask.seed");
    return replay != null ? Long.parseLong(replay) : System.nanoTime();
  }
}
