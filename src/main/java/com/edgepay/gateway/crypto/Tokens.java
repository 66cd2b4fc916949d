package com.edgepay.gateway.crypto;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Random tokens the gateway makes for itself, such as the owner of an idempotency claim: 128 bits
 * from a per-thread DRBG, never derived from anything a client sends.
 */
public final class Tokens {
  private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(() -> {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  });

  private Tokens() {
  }

  /** 32 lowercase hex digits. */
  public static String random128() {
    byte[] bytes = new byte[16];
    RANDOM.get().nextBytes(bytes);
    return Digests.hex(bytes);
  }
}
