package com.edgepay.gateway.card;

/** The card-number checksum (ISO/IEC 7812-1), shared by validation and log masking. */
public final class Luhn {
  private Luhn() {
  }

  /** @return whether every character is a digit and the digits pass the check */
  public static boolean valid(CharSequence digits) {
    for (int i = 0; i < digits.length(); i++) {
      if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
        return false;
      }
    }
    return digitsPass(digits, 0, digits.length());
  }

  /** @return whether the ASCII digits in [from, to) pass the check; other characters are skipped */
  public static boolean digitsPass(CharSequence text, int from, int to) {
    int sum = 0;
    boolean twice = false;
    for (int i = to - 1; i >= from; i--) {
      int d = text.charAt(i) - '0';
      if (d < 0 || d > 9) {
        continue;
      }
      if (twice) {
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      }
      sum += d;
      twice = !twice;
    }
    return sum % 10 == 0;
  }
}
