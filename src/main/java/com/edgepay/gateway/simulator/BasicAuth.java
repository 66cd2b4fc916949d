package com.edgepay.gateway.simulator;

import com.edgepay.gateway.crypto.Digests;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** Juspay's Basic auth carries the API key as the user name and an empty password. */
final class BasicAuth {

  private static final String SCHEME = "basic ";

  private BasicAuth() {
  }

  /**
   * The API key, if the header holds a usable one. The colon is optional because Juspay's own Node SDK
   * encodes the key without it.
   */
  static Optional<String> apiKey(String authorization) {
    if (authorization == null || authorization.length() <= SCHEME.length()
        || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return Optional.empty();
    }
    String decoded;
    try {
      byte[] raw = Base64.getDecoder().decode(authorization.substring(SCHEME.length()).trim());
      decoded = new String(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    String key = colon < 0 ? decoded : decoded.substring(0, colon);
    return key.isEmpty() ? Optional.empty() : Optional.of(key);
  }

  /** Lets tests prove which key was sent without the simulator ever storing it. */
  static String sha256Hex(String value) {
    return Digests.sha256Hex(value);
  }
}
