package com.edgepay.gateway.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals what the store keeps of Juspay's answers: AES-256-GCM, a random 96-bit nonce per record,
 * and the record's Redis key as associated data, so a sealed value moved to another key (another
 * order, another tenant) fails to open. A value that fails to open is never trusted.
 *
 * <pre>sealed = 'S' | 1 byte id length | key id | 12-byte nonce | ciphertext with 16-byte tag</pre>
 */
public final class RecordSeal {
  private static final byte MAGIC = 'S';
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;

  /** A sealed value that did not open: forged, moved, damaged, or under a key no longer held. */
  public static final class Unopenable extends RuntimeException {
    Unopenable(String why) {
      super(why, null, false, false);
    }
  }

  private static final ThreadLocal<Cipher> AES_GCM = ThreadLocal.withInitial(() -> {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM is required by every JRE", e);
    }
  });
  private static final ThreadLocal<SecureRandom> NONCES = ThreadLocal.withInitial(SecureRandom::new);

  private final SealingKeys keys;

  public RecordSeal(SealingKeys keys) {
    this.keys = keys;
  }

  /** @param where the Redis key the value will live under */
  public byte[] seal(byte[] plain, String where) {
    byte[] id = keys.sealingId().getBytes(StandardCharsets.US_ASCII);
    byte[] nonce = new byte[NONCE];
    NONCES.get().nextBytes(nonce);
    try {
      Cipher cipher = AES_GCM.get();
      cipher.init(Cipher.ENCRYPT_MODE, keys.sealingKey(), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(where.getBytes(StandardCharsets.UTF_8));
      ByteBuffer out = ByteBuffer.allocate(2 + id.length + NONCE + cipher.getOutputSize(plain.length));
      out.put(MAGIC).put((byte) id.length).put(id).put(nonce);
      cipher.doFinal(ByteBuffer.wrap(plain), out);
      return out.array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("sealing failed", e);
    }
  }

  /** @throws Unopenable when the value was not sealed here for {@code where} */
  public byte[] open(byte[] sealed, String where) {
    if (sealed.length < 2 || sealed[0] != MAGIC) {
      throw new Unopenable("not a sealed value");
    }
    int idLength = sealed[1] & 0xff;
    if (sealed.length < 2 + idLength + NONCE + TAG_BITS / 8) {
      throw new Unopenable("truncated");
    }
    String id = new String(sealed, 2, idLength, StandardCharsets.US_ASCII);
    SecretKey key = keys.key(id);
    if (key == null) {
      throw new Unopenable("sealed under key '" + id + "', which this gateway no longer holds");
    }
    int at = 2 + idLength;
    try {
      Cipher cipher = AES_GCM.get();
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(sealed, at, at + NONCE)));
      cipher.updateAAD(where.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(sealed, at + NONCE, sealed.length - at - NONCE);
    } catch (AEADBadTagException e) {
      throw new Unopenable("failed authentication");
    } catch (GeneralSecurityException e) {
      throw new Unopenable("could not be opened");
    }
  }
}
