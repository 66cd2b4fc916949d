package com.edgepay.gateway.logging;

import java.util.Arrays;

/**
 * Digit-bearing tokens that logs are full of and that are never card numbers, though their digits
 * could chain into one: UUIDs (8-4-4-4-12 hex, with no hex on either side) and the date of an ISO
 * date-time ("2026-11-29" followed by 'T' or by a space and "hh:"). {@link DigitGroups} reads
 * their digits as letters.
 */
final class OpaqueTokens {
  private static final int UUID_LENGTH = 36;
  private static final int DATE_LENGTH = 10;

  private OpaqueTokens() {
  }

  /**
   * Both shapes start a fixed distance before their first dash, and no two matches can overlap, so
   * looking only around dashes finds the same spans a left-to-right scan would.
   *
   * @return [start, end) pairs in ascending order, or null when the line has none
   */
  static int[] in(String text) {
    int[] spans = null;
    int count = 0;
    for (int dash = text.indexOf('-'); dash >= 0; dash = text.indexOf('-', dash + 1)) {
      int start = isUuidAt(text, dash - 8) ? dash - 8 : isDateTimeAt(text, dash - 4) ? dash - 4 : -1;
      if (start >= 0) {
        spans = spans == null ? new int[8] : count == spans.length ? Arrays.copyOf(spans, count * 2) : spans;
        spans[count++] = start;
        spans[count++] = start + (start == dash - 8 ? UUID_LENGTH : DATE_LENGTH);
      }
    }
    return spans == null ? null : Arrays.copyOf(spans, count);
  }

  private static boolean isUuidAt(String text, int at) {
    int end = at + UUID_LENGTH;
    if (at < 0 || end > text.length() || text.charAt(at + 8) != '-' || text.charAt(at + 13) != '-'
        || text.charAt(at + 18) != '-' || text.charAt(at + 23) != '-') {
      return false;
    }
    if (at > 0 && isHex(text.charAt(at - 1)) || end < text.length() && isHex(text.charAt(end))) {
      return false;
    }
    for (int i = 0; i < UUID_LENGTH; i++) {
      if (i != 8 && i != 13 && i != 18 && i != 23 && !isHex(text.charAt(at + i))) {
        return false;
      }
    }
    return true;
  }

  /** dddd-dd-dd then 'T', or then " dd:", with no digit before it. */
  private static boolean isDateTimeAt(String text, int at) {
    int end = at + DATE_LENGTH;
    if (at < 0 || end >= text.length() || text.charAt(at + 4) != '-' || text.charAt(at + 7) != '-'
        || at > 0 && CardNumbers.isDigit(text.charAt(at - 1))) {
      return false;
    }
    for (int i = 0; i < DATE_LENGTH; i++) {
      if (i != 4 && i != 7 && !CardNumbers.isDigit(text.charAt(at + i))) {
        return false;
      }
    }
    return text.charAt(end) == 'T' || end + 3 < text.length() && text.charAt(end) == ' '
        && CardNumbers.isDigit(text.charAt(end + 1)) && CardNumbers.isDigit(text.charAt(end + 2))
        && text.charAt(end + 3) == ':';
  }

  private static boolean isHex(char c) {
    return CardNumbers.isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }
}
