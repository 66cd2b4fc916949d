package com.edgepay.gateway.validation;

import com.edgepay.gateway.card.Luhn;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The value checks Juspay's docs imply. Patterns are compiled once, here; most checks are plain
 * character loops, so a valid value costs no allocation.
 */
public final class Checks {
  private static final Pattern VPA = Pattern.compile("[A-Za-z0-9._-]{2,256}@[A-Za-z][A-Za-z0-9.]{1,64}");
  private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
      .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

  private Checks() {
  }

  /** "100" and "100.15" pass; "100.1532", "abc" and "0" do not. */
  public static final Check AMOUNT = v -> {
    String shape = amountShape(v);
    if (shape != null) {
      return shape;
    }
    return cents(v) > 0 ? null : "must be greater than 0";
  };

  /** A well-formed amount in hundredths; at most 12 whole digits, so it fits a long. */
  static long cents(String v) {
    long whole = 0;
    long fraction = 0;
    int dot = v.indexOf('.');
    int end = dot < 0 ? v.length() : dot;
    for (int i = 0; i < end; i++) {
      whole = whole * 10 + (v.charAt(i) - '0');
    }
    if (dot >= 0) {
      fraction = (v.charAt(dot + 1) - '0') * 10L + (dot + 2 < v.length() ? v.charAt(dot + 2) - '0' : 0);
    }
    return whole * 100 + fraction;
  }

  /** An amount that may be 0, for bounds checked elsewhere. */
  public static final Check AMOUNT_OR_ZERO = Checks::amountShape;

  static String amountShape(String v) {
    int dot = v.indexOf('.');
    int whole = dot < 0 ? v.length() : dot;
    int decimals = dot < 0 ? 0 : v.length() - dot - 1;
    if (whole == 0 || whole > 12 || (dot >= 0 && (decimals < 1 || decimals > 2)) || !digits(v, 0, whole)
        || (dot >= 0 && !digits(v, dot + 1, v.length()))) {
      return "must be a number with at most two decimal places, like 100 or 100.15";
    }
    return null;
  }

  public static Check idChars(int max, String what) {
    return v -> {
      if (v.length() > max) {
        return "must be at most " + max + " characters";
      }
      for (int i = 0; i < v.length(); i++) {
        char c = v.charAt(i);
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
          return "may hold only " + what;
        }
      }
      return null;
    };
  }

  public static final Check CURRENCY = v -> CURRENCIES.contains(v) ? null : "must be an ISO 4217 currency code, like INR";

  /** One @, something before it, and a dotted domain after it; no spaces. Deliberately lenient. */
  public static final Check EMAIL_ADDRESS = v -> {
    int at = v.indexOf('@');
    boolean ok = v.length() <= 254 && at > 0 && at <= 64 && at == v.lastIndexOf('@');
    int dot = ok ? v.indexOf('.', at + 2) : -1;
    ok = ok && dot > at + 1 && dot < v.length() - 1 && v.charAt(v.length() - 1) != '.';
    for (int i = 0; ok && i < v.length(); i++) {
      ok = v.charAt(i) > ' ';
    }
    return ok ? null : "must be an email address";
  };

  /** Mobile or fixed line: digits, optionally a leading + and separators, 6 to 15 digits. */
  public static final Check PHONE = v -> {
    int count = 0;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c >= '0' && c <= '9') {
        count++;
      } else if (!(c == '+' && i == 0) && c != ' ' && c != '-') {
        return "must be a phone number: digits, with an optional leading +";
      }
    }
    return count >= 6 && count <= 15 ? null : "must be a phone number of 6 to 15 digits";
  };

  /** A fully qualified http(s) URL, with no query string and no IP-address host. */
  public static final Check RETURN_URL = v -> url(v, false, true);

  public static final Check HTTPS_URL = v -> url(v, true, false);

  /** scheme://host[:port][/path]: a character scan, so a valid URL costs no allocation. */
  private static String url(String v, boolean httpsOnly, boolean noQuery) {
    int authority;
    if (v.regionMatches(true, 0, "https://", 0, 8)) {
      authority = 8;
    } else if (!httpsOnly && v.regionMatches(true, 0, "http://", 0, 7)) {
      authority = 7;
    } else {
      return httpsOnly ? "must be an https URL" : "must be an http or https URL";
    }
    int end = authority;
    boolean letter = false;
    while (end < v.length() && "/?#".indexOf(v.charAt(end)) < 0) {
      char c = v.charAt(end);
      if (c == '@' || c == '[' || c <= ' ' || c > '~') {
        return c == '[' ? "must not use an IP address as its host" : "must be a fully qualified URL with a host name";
      }
      letter |= Character.isLetter(c);
      end++;
    }
    int colon = v.indexOf(':', authority);
    int hostEnd = colon >= 0 && colon < end ? colon : end;
    int dot = v.indexOf('.', authority);
    if (hostEnd == authority || v.charAt(authority) == '.' || v.charAt(hostEnd - 1) == '.' || dot < 0
        || dot >= hostEnd) {
      return "must be a fully qualified URL with a host name";
    }
    if (!letter || (colon >= 0 && colon < end && !digits(v, colon + 1, end))) {
      return letter ? "must be a fully qualified URL with a host name" : "must not use an IP address as its host";
    }
    for (int i = end; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c <= ' ' || c > '~') {
        return "must be a valid URL";
      }
      if (noQuery && c == '?') {
        return "must not contain query parameters";
      }
    }
    return null;
  }

  /** udf1 to udf5: "No special characters supported". */
  public static final Check UDF_PLAIN = v -> {
    if (v.length() > 255) {
      return "must be at most 255 characters";
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ')) {
        return "may hold only letters, digits and spaces";
      }
    }
    return null;
  };

  /** udf6 to udf10: "Special characters supported", but nothing unprintable. */
  public static final Check UDF_ANY = v -> {
    if (v.length() > 255) {
      return "must be at most 255 characters";
    }
    for (int i = 0; i < v.length(); i++) {
      if (Character.isISOControl(v.charAt(i))) {
        return "must not hold control characters";
      }
    }
    return null;
  };

  public static final Check BOOLEAN = v -> v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false") ? null
      : "must be true or false";

  public static final Check INTEGER = v -> v.length() <= 9 && digits(v, 0, v.length()) && !v.isEmpty() ? null
      : "must be a whole number";

  /** Epoch seconds: a positive whole number of at most 12 digits. */
  public static final Check EPOCH_SECONDS = v -> v.length() <= 12 && digits(v, 0, v.length()) && !v.isEmpty() ? null
      : "must be a timestamp in epoch seconds";

  public static final Check ISO_COUNTRY3 = v -> v.length() == 3 && asciiLetter(v.charAt(0))
      && asciiLetter(v.charAt(1)) && asciiLetter(v.charAt(2)) ? null : "must be a 3-letter ISO country code, like IND";

  private static boolean asciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  public static Check oneOf(String... allowed) {
    Set<String> set = Set.of(allowed);
    String reason = "must be one of " + String.join(", ", allowed);
    return v -> set.contains(v) ? null : reason;
  }

  public static Check exactly(String allowed) {
    return oneOf(allowed);
  }

  public static Check maxLength(int max) {
    return v -> v.length() <= max ? null : "must be at most " + max + " characters";
  }

  /** 12 to 19 digits passing the Luhn check. The reason never shows the number. */
  public static final Check CARD_NUMBER = v -> {
    if (v.length() < 12 || v.length() > 19 || !digits(v, 0, v.length())) {
      return "must be 12 to 19 digits";
    }
    return Luhn.valid(v) ? null : "is not a valid card number (Luhn check failed)";
  };

  public static final Check EXPIRY_MONTH = v -> v.length() == 2 && digits(v, 0, 2)
      && Integer.parseInt(v) >= 1 && Integer.parseInt(v) <= 12 ? null : "must be two digits, 01 to 12";

  public static final Check EXPIRY_YEAR = v -> v.length() == 2 && digits(v, 0, 2) ? null : "must be two digits (YY)";

  public static final Check CVV = v -> (v.length() == 3 || v.length() == 4) && digits(v, 0, v.length()) ? null
      : "must be 3 or 4 digits";

  public static final Check NAME_ON_CARD = v -> {
    if (v.length() > 100) {
      return "must be at most 100 characters";
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (!Character.isLetter(c) && c != ' ') {
        return "may hold only letters and spaces";
      }
    }
    return null;
  };

  public static final Check UPI_VPA = v -> VPA.matcher(v).matches() ? null : "must be a VPA like name@bank";

  static boolean digits(String v, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
