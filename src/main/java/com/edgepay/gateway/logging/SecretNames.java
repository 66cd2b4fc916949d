package com.edgepay.gateway.logging;

import java.util.List;

/**
 * Field names whose values never reach a log: card security codes and expiry, the cardholder's
 * name, card numbers as fields, UPI addresses, tokens, keys, passwords and credentials. Matched
 * whole, ignoring case, with '-' and '_' the same ("X-Api-Key" is "x_api_key").
 */
final class SecretNames {
  private static final List<String> NAMES = List.of(
      "card_number", "card_no", "cardnumber", "pan",
      "card_security_code", "security_code", "cvv", "cvv2", "cvc", "cvc2", "cvn", "card_cvv",
      "card_exp_month", "card_exp_year", "exp_month", "exp_year", "expiry", "expiry_date", "expiry_month",
      "expiry_year", "card_expiry", "card_exp", "exp_date", "name_on_card", "card_holder_name",
      "upi_vpa", "vpa", "payer_vpa", "upi_id",
      "token", "card_token", "access_token", "refresh_token", "id_token", "auth_token", "client_auth_token",
      "api_key", "apikey", "x_api_key", "secret", "client_secret", "password", "passwd", "otp", "pin", "card_pin",
      "authorization", "proxy_authorization", "cookie", "set_cookie");
  /** Names whose value is a scheme and a credential, or a name: spaces do not end it. */
  private static final List<String> SPACED = List.of("authorization", "proxy_authorization", "name_on_card",
      "card_holder_name", "card_number", "card_no", "cardnumber", "pan");
  private static final String[][] NAMES_BY_LENGTH = byLength(NAMES);
  private static final String[][] SPACED_BY_LENGTH = byLength(SPACED);

  private SecretNames() {
  }

  static boolean isSecret(String text, int from, int to) {
    return matchesAny(NAMES_BY_LENGTH, text, from, to);
  }

  static boolean valueHasSpaces(String text, int from, int to) {
    return matchesAny(SPACED_BY_LENGTH, text, from, to);
  }

  private static boolean matchesAny(String[][] byLength, String text, int from, int to) {
    int length = to - from;
    if (length >= byLength.length) {
      return false;
    }
    for (String name : byLength[length]) {
      if (matches(name, text, from)) {
        return true;
      }
    }
    return false;
  }

  private static String[][] byLength(List<String> names) {
    int longest = names.stream().mapToInt(String::length).max().orElse(0);
    String[][] table = new String[longest + 1][];
    for (int length = 0; length <= longest; length++) {
      int l = length;
      table[length] = names.stream().filter(n -> n.length() == l).toArray(String[]::new);
    }
    return table;
  }

  private static boolean matches(String name, String text, int from) {
    for (int i = 0; i < name.length(); i++) {
      char c = Character.toLowerCase(text.charAt(from + i));
      char n = name.charAt(i);
      if (c != n && !(n == '_' && c == '-')) {
        return false;
      }
    }
    return true;
  }
}
