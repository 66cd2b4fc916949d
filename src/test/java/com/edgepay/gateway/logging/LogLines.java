package com.edgepay.gateway.logging;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generated log lines: the things logs are full of (paths, ids, UUIDs, timestamps, amounts,
 * addresses, short numbers), digit groups and separator runs that can chain into card-like runs by
 * accident, and real-looking card numbers in any spacing. Driven by a seeded SplittableRandom or by
 * Jazzer's bytes.
 */
final class LogLines {
  /** A line and the cards written into it, as written (in their spacing). */
  record Line(String text, List<String> cards) {
  }

  /** Where the choices come from. */
  interface Choices {
    int below(int bound);

    static Choices of(SplittableRandom random) {
      return random::nextInt;
    }

    static Choices of(FuzzedDataProvider data) {
      return bound -> data.consumeInt(0, bound - 1);
    }
  }

  /** Issuer prefixes and lengths: Visa, Mastercard (51-55, 2221-2720), Amex, Discover, RuPay, JCB, Diners, Maestro, UnionPay. */
  private static final String[][] NETWORKS = {
      {"4", "13", "16", "19"}, {"51", "16"}, {"55", "16"}, {"2221", "16"}, {"2720", "16"}, {"34", "15"},
      {"37", "15"}, {"6011", "16", "19"}, {"65", "16"}, {"508", "16"}, {"60", "16"}, {"81", "16"}, {"82", "16"},
      {"3528", "16"}, {"36", "14"}, {"38", "14"}, {"6759", "13", "19"}, {"62", "16", "17", "18", "19"}};
  private static final String[] CLEAN = {
      "GET", "/orders/ord_1590759422/refunds", "POST /v2/txns/mozart-ord_77-1/capture", "status=200",
      "550e8400-e29b-41d4-a716-446655440000", "12345678-1234-1234-1234-123456789012", "2026-11-29T22:49:35.123Z",
      "2026-11-29 22:49:35,123", "1764456575123", "1764456575123456", "1764456575123456789", "127.0.0.1:43737",
      "amount=1234567.89", "ada@example.com", "redis://gw@redis-0:6379", "took", "ms", "tenant=acme", "route",
      "\"order_id\":\"ord_9\"", "{", "}", "[", "]", "Object@6d06d69c", "0000004242424242", "x", "Basic authentication failed", "auth",
      "cvv", "is", "required", "/tmp/junit5309417/secrets", "4bf92f3577b34da6a3ce929d0e0e4736", "retry-after", "é"};
  private static final char[] BOUNDARIES = {' ', ',', '=', ':', '/', '"', '(', ')', '|', '\n', 'x'};
  private static final char[] SEPARATORS = {' ', '-', '\t'};

  private LogLines() {
  }

  /**
   * Only what logs are full of, joined by characters that neither chain two numbers nor follow a
   * field name: nothing in it is card data or a secret.
   */
  static String ordinary(Choices c) {
    StringBuilder text = new StringBuilder();
    int pieces = 1 + c.below(12);
    for (int p = 0; p < pieces; p++) {
      String piece = CLEAN[c.below(CLEAN.length)];
      if (p > 0) {
        // A space between two numbers chains them (a card may be spaced that way): use another mark.
        boolean numbersMeet = CardNumbers.isDigit(text.charAt(text.length() - 1)) && CardNumbers.isDigit(piece.charAt(0));
        char b = BOUNDARIES[c.below(BOUNDARIES.length)];
        text.append(b == '=' || b == ':' || b == ' ' && numbersMeet ? ',' : b);
      }
      text.append(piece);
    }
    return text.toString();
  }

  /** A line with no card written into it on purpose; chains of digit groups may still make one. */
  static Line clean(Choices c) {
    return line(c, false);
  }

  static Line withCards(Choices c) {
    return line(c, true);
  }

  private static Line line(Choices c, boolean cards) {
    StringBuilder text = new StringBuilder();
    List<String> written = new ArrayList<>();
    int pieces = 1 + c.below(12);
    for (int p = 0; p < pieces; p++) {
      if (p > 0) {
        boundary(c, text);
      }
      int kind = c.below(cards ? 10 : 8);
      if (kind < 5) {
        text.append(CLEAN[c.below(CLEAN.length)]);
      } else if (kind < 8) {
        digitsAndSeparators(c, text);
      } else {
        int from = text.length();
        spaced(c, card(c), text);
        written.add(text.substring(from));
      }
    }
    return new Line(text.toString(), written);
  }

  /** A Luhn-valid number from a real issuer prefix and length. */
  static String card(Choices c) {
    String[] network = NETWORKS[c.below(NETWORKS.length)];
    int length = Integer.parseInt(network[1 + c.below(network.length - 1)]);
    StringBuilder digits = new StringBuilder(network[0]);
    while (digits.length() < length - 1) {
      digits.append((char) ('0' + c.below(10)));
    }
    for (char check = '0'; check <= '9'; check++) {
      if (ReferenceCards.luhn(digits.toString() + check)) {
        return digits.append(check).toString();
      }
    }
    throw new AssertionError("a check digit always exists");
  }

  /** The card's digits in groups of 1 to 7, joined by runs of 1 to 3 separators. */
  private static void spaced(Choices c, String card, StringBuilder text) {
    int i = 0;
    while (i < card.length()) {
      if (i > 0) {
        separators(c, text);
      }
      int group = c.below(3) == 0 ? card.length() : 1 + c.below(7);
      int end = Math.min(card.length(), i + group);
      text.append(card, i, end);
      i = end;
    }
  }

  private static void digitsAndSeparators(Choices c, StringBuilder text) {
    int groups = 1 + c.below(5);
    for (int g = 0; g < groups; g++) {
      if (g > 0) {
        separators(c, text);
      }
      int length = 1 + c.below(c.below(4) == 0 ? 20 : 6);
      for (int d = 0; d < length; d++) {
        text.append((char) ('0' + c.below(10)));
      }
    }
  }

  private static void separators(Choices c, StringBuilder text) {
    int n = 1 + c.below(3);
    for (int s = 0; s < n; s++) {
      text.append(SEPARATORS[c.below(SEPARATORS.length)]);
    }
  }

  private static void boundary(Choices c, StringBuilder text) {
    text.append(BOUNDARIES[c.below(BOUNDARIES.length)]);
  }
}
