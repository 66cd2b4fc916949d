package com.edgepay.gateway.logging;

import com.edgepay.gateway.card.Luhn;

/**
 * Last line of defence for log text: any run of 12-19 digits that passes the Luhn check is shown
 * as its first 6 and last 4 digits only. Code should never log card data; this catches the day
 * it does by mistake.
 */
public final class PanMask {
  private PanMask() {
  }

  public static String mask(String text) {
    if (text == null || !hasLongDigitRun(text)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      int end = i;
      while (end < text.length() && Character.isDigit(text.charAt(end)) && text.charAt(end) < 128) {
        end++;
      }
      if (end > i) {
        String run = text.substring(i, end);
        out.append(looksLikePan(run) ? run.substring(0, 6) + "*".repeat(run.length() - 10) + run.substring(run.length() - 4)
            : run);
        i = end;
      } else {
        out.append(text.charAt(i++));
      }
    }
    return out.toString();
  }

  static boolean looksLikePan(String digits) {
    return digits.length() >= 12 && digits.length() <= 19 && Luhn.valid(digits);
  }

  private static boolean hasLongDigitRun(String text) {
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      run = c >= '0' && c <= '9' ? run + 1 : 0;
      if (run >= 12) {
        return true;
      }
    }
    return false;
  }
}
