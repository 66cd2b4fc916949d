package com.edgepay.gateway.logging;

import com.edgepay.gateway.card.Luhn;

/**
 * Card numbers in free text, shown as their first 6 and last 4 digits.
 *
 * <p>A card number is 13 to 19 digits passing the Luhn check, written unbroken or in groups joined
 * by runs of one to three spaces, tabs or dashes ("4111 1111 1111 1111", "3782-822463-10005"). Any
 * run of whole groups in such a chain is a candidate, so a card written after other numbers is
 * still found. Not card numbers, because logs are full of them: digits starting with 0 (no issuer
 * number does), an unbroken 13, 16 or 19 digit run starting with 1 or 20 (epoch milli-, micro- or
 * nanoseconds from 2001 to 2036), and digits inside a UUID or an ISO date-time's date
 * ({@link OpaqueTokens}). Everything else that passes is masked:
 * a false positive costs a log reader some digits, a false negative leaks a card.
 *
 * <p>One pass over the text, no regex and no copy unless something is masked; a line where no
 * chain reaches 13 digits is returned after one pass.
 */
final class CardNumbers {
  static final int MIN_DIGITS = 13;
  static final int MAX_DIGITS = 19;
  static final int MAX_SEPARATORS = 3;
  private static final int SHOWN_FIRST = 6;
  private static final int SHOWN_LAST = 4;

  private CardNumbers() {
  }

  static String mask(String text) {
    if (text == null || longestChain(text) < MIN_DIGITS) {
      return text;
    }
    // Masking can leave a new run of whole groups (earlier digits plus a card's first six) that
    // passes the check by chance; masking again until nothing passes keeps the promise on output.
    String masked = text;
    for (String next = maskOnce(masked); next != masked; next = maskOnce(masked)) {
      masked = next;
    }
    return masked;
  }

  private static String maskOnce(String text) {
    DigitGroups chain = new DigitGroups(text, OpaqueTokens.in(text));
    char[] out = null;
    for (int i = chain.nextDigit(0); i < text.length(); i = chain.nextDigit(chain.end())) {
      chain.collectFrom(i);
      out = maskCandidates(text, chain, out);
    }
    return out == null ? text : new String(out);
  }

  /** Masks every run of whole groups that reads as a card number. */
  private static char[] maskCandidates(String text, DigitGroups chain, char[] out) {
    for (int first = 0; first < chain.size(); first++) {
      int digits = 0;
      for (int last = first; last < chain.size(); last++) {
        digits += chain.length(last);
        if (digits > MAX_DIGITS) {
          break;
        }
        if (digits >= MIN_DIGITS && isCard(text, chain, first, last, digits)) {
          out = out == null ? text.toCharArray() : out;
          hideMiddle(out, chain.start(first), chain.groupEnd(last), digits);
        }
      }
    }
    return out;
  }

  private static boolean isCard(String text, DigitGroups chain, int first, int last, int digits) {
    int from = chain.start(first);
    if (text.charAt(from) == '0') {
      return false;
    }
    if (first == last && readsAsEpochTime(text, from, digits)) {
      return false;
    }
    return Luhn.digitsPass(text, from, chain.groupEnd(last));
  }

  /** Unbroken 13/16/19 digits starting with 1 or 20: ms/µs/ns since 1970, years 2001 to 2036. */
  private static boolean readsAsEpochTime(String text, int from, int digits) {
    boolean epochLength = digits == 13 || digits == 16 || digits == 19;
    char lead = text.charAt(from);
    return epochLength && (lead == '1' || lead == '2' && text.charAt(from + 1) == '0');
  }

  private static void hideMiddle(char[] out, int from, int to, int digits) {
    int seen = 0;
    for (int i = from; i < to; i++) {
      if (isDigit(out[i]) || out[i] == '*') {
        if (seen >= SHOWN_FIRST && seen < digits - SHOWN_LAST) {
          out[i] = '*';
        }
        seen++;
      }
    }
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isSeparator(char c) {
    return c == ' ' || c == '-' || c == '\t';
  }

  /** The most digits in one chain of groups, UUIDs and dates included: an upper bound, in one pass. */
  private static int longestChain(String text) {
    int longest = 0;
    int digits = 0;
    int separators = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isDigit(c)) {
        digits = separators > MAX_SEPARATORS ? 1 : digits + 1;
        separators = 0;
        longest = Math.max(longest, digits);
      } else if (isSeparator(c) && digits > 0) {
        separators++;
      } else {
        digits = 0;
        separators = 0;
      }
    }
    return longest;
  }
}
