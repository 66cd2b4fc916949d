package com.edgepay.gateway.simulator;

import java.util.SplittableRandom;

/**
 * Juspay-looking identifiers drawn from a seeded random. Not thread-safe: each verticle instance owns one,
 * used only on its event loop.
 */
final class Ids {

  private static final String ALPHANUMERIC =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String HEX = "0123456789abcdef";

  private final SplittableRandom random;

  Ids(SplittableRandom random) {
    this.random = random;
  }

  String orderUuid() {
    return "ordeu_" + draw(HEX, 32);
  }

  /** Juspay's txn_uuid looks like "mozqRLTT4TwvpVespoj". */
  String txnUuid() {
    return "moz" + draw(ALPHANUMERIC, 16);
  }

  String clientAuthToken() {
    return "tkn_" + draw(HEX, 32);
  }

  String refundId() {
    return "rfd_" + draw(HEX, 24);
  }

  /** UUID-shaped, like the request_id in Juspay's error answers. */
  String requestId() {
    return draw(HEX, 8) + "-" + draw(HEX, 4) + "-" + draw(HEX, 4) + "-" + draw(HEX, 4) + "-" + draw(HEX, 12);
  }

  /** The UPI transaction reference in sdk_params. */
  String upiReference() {
    return draw(ALPHANUMERIC, 14).toUpperCase(java.util.Locale.ROOT);
  }

  private String draw(String alphabet, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }
}
