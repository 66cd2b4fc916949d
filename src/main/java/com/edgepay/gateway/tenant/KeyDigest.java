package com.edgepay.gateway.tenant;

import com.edgepay.gateway.crypto.Digests;

/**
 * How gateway keys (and pinned client certificates) are stored and compared: their SHA-256,
 * compared in constant time. Only digests are ever held; the registry never sees a key.
 */
public final class KeyDigest {
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
      return new KeyDigest(Digests.fromHex(hex));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("must be 64 lowercase hex digits (a SHA-256)");
    }
  }

  /** What an operator stores for a key: {@code printf %s "$KEY" | sha256sum}. */
  public static String hexOf(String key) {
    return Digests.sha256Hex(key);
  }

  static byte[] digestOf(String key) {
    return Digests.sha256(key);
  }

  static byte[] digestOf(byte[] encoded) {
    return Digests.sha256(encoded);
  }

  /** Constant-time: the time taken does not depend on where the digests first differ. */
  public boolean matches(byte[] presented) {
    return Digests.equal(digest, presented);
  }

  /**
   * The first 8 bytes, used only to find candidates quickly. Learning whether a guess shares a
   * selector tells an attacker nothing usable: it would take a SHA-256 preimage to exploit.
   */
  long selector() {
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
    return Digests.hex(digest);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyDigest other && Digests.equal(digest, other.digest);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(selector());
  }
}
