package com.edgepay.gateway.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The gateway's small crypto toolbox: SHA-256, HMAC-SHA256 and constant-time comparison. One home,
 * so that "which hash, which encoding, which comparison" is decided once. Per-thread instances:
 * MessageDigest and Mac are not thread-safe, and event loops must not contend on a lock.
 */
public final class Digests {
  private static final HexFormat HEX = HexFormat.of();
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is required by every JRE", e);
    }
  });

  private Digests() {
  }

  public static byte[] sha256(byte[] bytes) {
    MessageDigest md = SHA256.get();
    md.reset();
    return md.digest(bytes);
  }

  public static byte[] sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  public static String sha256Hex(String text) {
    return HEX.formatHex(sha256(text));
  }

  public static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  /** @throws IllegalArgumentException when the text is not hex digits */
  public static byte[] fromHex(String hex) {
    return HEX.parseHex(hex);
  }

  /** Constant time: how long it takes does not depend on where the two first differ. */
  public static boolean equal(byte[] a, byte[] b) {
    return MessageDigest.isEqual(a, b);
  }

  /**
   * A per-thread HMAC-SHA256 under one secret. Keyed hashes are how the gateway remembers a
   * request (or an id) without being able to give it back.
   */
  public static ThreadLocal<Mac> hmacSha256(byte[] secret) {
    SecretKeySpec key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    return ThreadLocal.withInitial(() -> {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(key);
        return mac;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 is required by every JRE", e);
      }
    });
  }
}
