package com.edgepay.gateway.tenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one place that decides how gateway keys are hashed and compared: SHA-256, compared in
 * constant time. Only digests are ever stored; the registry never sees a key.
 */
public final class KeyDigest {
  private static final HexFormat HEX = HexFormat.of();
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(KeyDigest::newSha256);

  private final byte[] digest;

  private KeyDigest(byte[] digest) {
    this.digest = digest;
  }

  /** @throws IllegalArgumentException unless it is 64 lowercase hex digits */
  public static KeyDigest fromHex(String hex) {
    if (hex == null || hex.length() != 64 || !hex.equals(hex.toLowerCase())) {
      throw new IllegalArgumentException("must be 64 lowercase hex digits (a SHA-256)");
    }
    try {
      return new KeyDigest(HEX.parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("must be 64 lowercase hex digits (a SHA-256)");
    }
  }

  public static KeyDigest of(String key) {
    return new KeyDigest(sha256(key));
  }

  public static byte[] sha256(String key) {
    return sha256(key.getBytes(StandardCharsets.UTF_8));
  }

  public static byte[] sha256(byte[] bytes) {
    MessageDigest md = SHA256.get();
    md.reset();
    return md.digest(bytes);
  }

  public static String sha256Hex(String key) {
    return HEX.formatHex(sha256(key));
  }

  /** Constant-time: the time taken does not depend on where the digests first differ. */
  public boolean matches(byte[] presented) {
    return MessageDigest.isEqual(digest, presented);
  }

  /**
   * The first 8 bytes, used only to find candidates quickly. Learning whether a guess shares a
   * selector tells an attacker nothing usable: it would take a SHA-256 preimage to exploit.
   */
  public long selector() {
    return selectorOf(digest);
  }

  static long selectorOf(byte[] d) {
    long s = 0;
    for (int i = 0; i < 8; i++) {
      s = (s << 8) | (d[i] & 0xff);
    }
    return s;
  }

  public String hex() {
    return HEX.formatHex(digest);
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JRE", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyDigest other && MessageDigest.isEqual(digest, other.digest);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(selector());
  }
}
