package com.edgepay.gateway.card;

/** The card-number checksum (ISO/IEC 7812-1), shared by validation and log masking. */
public final class Luhn {
  private Luhn() {
  }

  /** @return whether every character is a digit and the digits pass the check */
  public static boolean valid(CharSequence digits) {
    int sum = 0;
    boolean twice = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return false;
      }
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
    }
    return sum % 10 == 0;
  }
}
