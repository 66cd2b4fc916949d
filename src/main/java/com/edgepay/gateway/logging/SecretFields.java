package com.edgepay.gateway.logging;

/**
 * Values of secret fields in free text, replaced by {@value #HIDDEN}: {@code cvv=123},
 * {@code "card_exp_year":"29"}, {@code {upi_vpa=a@ybl}}, {@code Authorization: Basic ...}, and any
 * {@code Basic}/{@code Bearer} credential wherever it stands (8 or more token characters, not all
 * letters). Field names are in {@link SecretNames}.
 *
 * <p>One pass that stops only at '=' and ':' and looks back at the word before them; no regex and
 * no copy unless something is hidden.
 */
final class SecretFields {
  static final String HIDDEN = "***";
  private static final int MIN_CREDENTIAL = 8;

  private SecretFields() {
  }

  static String mask(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = null;
    int copied = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int[] value = c == '=' || c == ':' ? fieldValue(text, i) : c == ' ' ? credential(text, i) : null;
      if (value != null && value[1] > value[0] && value[0] >= copied) {
        out = out == null ? new StringBuilder(text.length()) : out;
        out.append(text, copied, value[0]).append(HIDDEN);
        copied = value[1];
        i = value[1] - 1;
      }
    }
    return out == null ? text : out.append(text, copied, text.length()).toString();
  }

  /** @return [from, to) of the value after a secret field's name and its '=' or ':', else null */
  private static int[] fieldValue(String text, int separator) {
    int nameEnd = separator;
    while (nameEnd > 0 && text.charAt(nameEnd - 1) == ' ') {
      nameEnd--;
    }
    if (nameEnd > 0 && isQuote(text.charAt(nameEnd - 1))) {
      nameEnd--;
    }
    // The name is the last dotted segment of the word before the separator ("card.cvv" is "cvv").
    int nameStart = nameEnd;
    while (nameStart > 0 && isNameChar(text.charAt(nameStart - 1)) && text.charAt(nameStart - 1) != '.') {
      nameStart--;
    }
    if (!SecretNames.isSecret(text, nameStart, nameEnd)) {
      return null;
    }
    int from = separator + 1;
    while (from < text.length() && text.charAt(from) == ' ') {
      from++;
    }
    boolean spaced = SecretNames.valueHasSpaces(text, nameStart, nameEnd);
    int to = valueEnd(text, from, spaced);
    // A quoted value keeps its quotes, so JSON stays JSON.
    return from < text.length() && isQuote(text.charAt(from)) ? new int[] {from + 1, to} : new int[] {from, to};
  }

  /** A quoted value runs to its closing quote (excluded); a bare one to the next delimiter. */
  private static int valueEnd(String text, int from, boolean spaced) {
    if (from < text.length() && isQuote(text.charAt(from))) {
      char quote = text.charAt(from);
      int i = from + 1;
      while (i < text.length() && text.charAt(i) != quote) {
        i += text.charAt(i) == '\\' ? 2 : 1;
      }
      return Math.min(i, text.length());
    }
    int i = from;
    while (i < text.length() && !endsBareValue(text.charAt(i), spaced)) {
      i++;
    }
    return i;
  }

  /** @return [from, to) of the credential after "Basic " or "Bearer " ending at space, else null */
  private static int[] credential(String text, int space) {
    boolean basic = endsWithWord(text, space, "basic");
    if (!basic && !endsWithWord(text, space, "bearer")) {
      return null;
    }
    int end = space + 1;
    boolean wordLike = true;
    while (end < text.length() && isCredentialChar(text.charAt(end))) {
      wordLike &= Character.isLetter(text.charAt(end));
      end++;
    }
    // "Basic authentication failed" is English; a credential has a digit or a symbol in it.
    return end - space - 1 >= MIN_CREDENTIAL && !wordLike ? new int[] {space + 1, end} : null;
  }

  private static boolean endsWithWord(String text, int at, String word) {
    int start = at - word.length();
    char last = word.charAt(word.length() - 1);
    return start >= 0 && (text.charAt(at - 1) | 0x20) == last && text.regionMatches(true, start, word, 0, word.length())
        && (start == 0 || !Character.isLetterOrDigit(text.charAt(start - 1)));
  }

  private static boolean endsBareValue(char c, boolean spaced) {
    return c == '&' || c == ',' || c == ';' || c == '"' || c == '\'' || c == '}' || c == ']' || c == ')'
        || c == '\n' || c == '\r' || (!spaced && (c == ' ' || c == '\t'));
  }

  private static boolean isQuote(char c) {
    return c == '"' || c == '\'';
  }

  static boolean isNameChar(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-';
  }

  private static boolean isCredentialChar(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '='
        || c == '.' || c == '_' || c == '~' || c == '-';
  }
}
