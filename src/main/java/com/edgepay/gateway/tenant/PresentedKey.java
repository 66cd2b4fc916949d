package com.edgepay.gateway.tenant;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Pulls the gateway key out of an Authorization header, in each form the contract accepts:
 * {@code Basic base64("key:")}, {@code Basic base64("key")} (Juspay's SDKs) and {@code Bearer key}.
 */
public final class PresentedKey {
  static final int MAX_KEY_LENGTH = 256;

  private PresentedKey() {
  }

  /** @return the key, or null when the header is absent or not one of the accepted forms */
  public static String from(String authorization) {
    if (authorization == null) {
      return null;
    }
    String header = authorization.trim();
    if (startsWithIgnoreCase(header, "Bearer ")) {
      return sane(header.substring(7).trim());
    }
    if (startsWithIgnoreCase(header, "Basic ")) {
      return fromBasic(header.substring(6).trim());
    }
    return null;
  }

  private static String fromBasic(String encoded) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return sane(decoded);
    }
    // Juspay's convention is the key as user name and an empty password; anything else is not ours.
    return colon == decoded.length() - 1 ? sane(decoded.substring(0, colon)) : null;
  }

  private static String sane(String key) {
    if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
      return null;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c <= ' ' || c > '~') {
        return null;
      }
    }
    return key;
  }

  private static boolean startsWithIgnoreCase(String s, String prefix) {
    return s.regionMatches(true, 0, prefix, 0, prefix.length());
  }
}
