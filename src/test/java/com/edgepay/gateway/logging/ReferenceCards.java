package com.edgepay.gateway.logging;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The card-number rule of {@link CardNumbers} written the slow, obvious way (regexes, strings,
 * BigInteger for the epoch ranges) so the fast scanner can be checked against it.
 */
final class ReferenceCards {
  private static final Pattern UUID = Pattern.compile(
      "(?<![0-9a-fA-F])[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![0-9a-fA-F])");
  private static final Pattern DATE_TIME = Pattern.compile("(?<![0-9])[0-9]{4}-[0-9]{2}-[0-9]{2}(?=T| [0-9]{2}:)");
  private static final Pattern CHAIN = Pattern.compile("[0-9]+(?:[ \\t-]{1,3}[0-9]+)*");
  private static final Pattern GROUP = Pattern.compile("[0-9]+");
  private static final BigInteger YEAR_2001 = new BigInteger("1000000000");
  private static final BigInteger YEAR_2036 = new BigInteger("2100000000");

  /** A card found in a line: the offsets of its first and last digit, and its digits. */
  record Card(int from, int to, String digits) {
  }

  private ReferenceCards() {
  }

  /** Every run of whole groups that is a card number under the rule. */
  static List<Card> find(String line) {
    char[] hidden = line.toCharArray();
    for (Pattern opaque : new Pattern[] {UUID, DATE_TIME}) {
      Matcher m = opaque.matcher(line);
      while (m.find()) {
        for (int i = m.start(); i < m.end(); i++) {
          hidden[i] = 'u';
        }
      }
    }
    String text = new String(hidden);
    List<Card> cards = new ArrayList<>();
    Matcher chain = CHAIN.matcher(text);
    while (chain.find()) {
      List<int[]> groups = new ArrayList<>();
      Matcher g = GROUP.matcher(text).region(chain.start(), chain.end());
      while (g.find()) {
        groups.add(new int[] {g.start(), g.end()});
      }
      for (int i = 0; i < groups.size(); i++) {
        StringBuilder digits = new StringBuilder();
        for (int j = i; j < groups.size(); j++) {
          digits.append(text, groups.get(j)[0], groups.get(j)[1]);
          if (isCard(digits.toString(), i == j)) {
            cards.add(new Card(groups.get(i)[0], groups.get(j)[1], digits.toString()));
          }
        }
      }
    }
    return cards;
  }

  /** The line with each card's digits after the first 6 and before the last 4 replaced by '*'. */
  static String mask(String line) {
    String masked = line;
    for (List<Card> cards = find(masked); !cards.isEmpty(); cards = find(masked)) {
      char[] out = masked.toCharArray();
      for (Card card : cards) {
        int seen = 0;
        for (int i = card.from(); i < card.to(); i++) {
          if (Character.isDigit(masked.charAt(i)) && masked.charAt(i) < 128) {
            if (seen >= 6 && seen < card.digits().length() - 4) {
              out[i] = '*';
            }
            seen++;
          }
        }
      }
      masked = new String(out);
    }
    return masked;
  }

  static boolean isCard(String digits, boolean unbroken) {
    if (digits.length() < 13 || digits.length() > 19 || digits.startsWith("0")) {
      return false;
    }
    if (unbroken && (digits.length() == 13 || digits.length() == 16 || digits.length() == 19)) {
      BigInteger scale = BigInteger.TEN.pow(digits.length() - 10);
      BigInteger value = new BigInteger(digits);
      if (value.compareTo(YEAR_2001.multiply(scale)) >= 0 && value.compareTo(YEAR_2036.multiply(scale)) < 0) {
        return false;
      }
    }
    return luhn(digits);
  }

  static boolean luhn(String digits) {
    int sum = 0;
    for (int i = 0; i < digits.length(); i++) {
      int d = digits.charAt(digits.length() - 1 - i) - '0';
      sum += i % 2 == 0 ? d : (d * 2) / 10 + (d * 2) % 10;
    }
    return sum % 10 == 0;
  }
}
