package com.edgepay.gateway.logging;

/**
 * UPI virtual payment addresses in free text ("name@okaxis"), shown as {@code ***@okaxis}. A VPA's
 * handle is letters and digits with no dot inside, which tells it from an e-mail address
 * ("name@example.com", left alone) and a URL's credentials ("user@host:6379", left alone).
 */
final class Vpas {
  private static final int MIN_HANDLE = 2;

  private Vpas() {
  }

  static String mask(String text) {
    if (text == null || text.indexOf('@') < 0) {
      return text;
    }
    StringBuilder out = null;
    int copied = 0;
    for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
      int from = at;
      while (from > copied && isAddressChar(text.charAt(from - 1))) {
        from--;
      }
      if (from == at || !isHandle(text, at + 1)) {
        continue;
      }
      out = out == null ? new StringBuilder(text.length()) : out;
      out.append(text, copied, from).append(SecretFields.HIDDEN);
      copied = at;
    }
    return out == null ? text : out.append(text, copied, text.length()).toString();
  }

  private static boolean isHandle(String text, int from) {
    int end = from;
    while (end < text.length() && Character.isLetterOrDigit(text.charAt(end)) && text.charAt(end) < 128) {
      end++;
    }
    if (end - from < MIN_HANDLE || !Character.isLetter(text.charAt(from))) {
      return false;
    }
    char after = end < text.length() ? text.charAt(end) : ' ';
    // "@ybl." ends a sentence; "@bank.com" is a domain.
    boolean domain = after == '.' && end + 1 < text.length() && Character.isLetterOrDigit(text.charAt(end + 1));
    return !domain && after != ':' && after != '/' && after != '@' && after != '-' && after != '_';
  }

  private static boolean isAddressChar(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_';
  }
}
