package com.edgepay.gateway.crypto;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys that seal records at rest, as the secrets directory's {@code records.keys}
 * holds them: one per line, {@code <id> <base64 of 32 bytes>}. The first line seals; every line
 * opens, so a rotation adds the new key second, rolls, moves it first, rolls, and drops the old one
 * once its records have expired. {@link #toString()} never shows a key.
 */
public final class SealingKeys {
  public static final String FILE_NAME = "records.keys";
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,16}");

  private final String sealingId;
  private final Map<String, SecretKey> byId;

  private SealingKeys(String sealingId, Map<String, SecretKey> byId) {
    this.sealingId = sealingId;
    this.byId = Map.copyOf(byId);
  }

  /** @throws IllegalArgumentException with a reason that never holds key material */
  public static SealingKeys parse(String text) {
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    List<String> order = new ArrayList<>();
    int lineNo = 0;
    for (String raw : text.split("\n")) {
      lineNo++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\\s+");
      if (parts.length != 2 || !ID.matcher(parts[0]).matches()) {
        throw new IllegalArgumentException("line " + lineNo + " must be '<id> <base64 key>', id [A-Za-z0-9_-]{1,16}");
      }
      byte[] key;
      try {
        key = Base64.getDecoder().decode(parts[1]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("line " + lineNo + ": the key is not base64");
      }
      if (key.length != 32) {
        throw new IllegalArgumentException("line " + lineNo + ": the key must be 32 bytes (AES-256), not " + key.length);
      }
      if (keys.put(parts[0], new SecretKeySpec(key, "AES")) != null) {
        throw new IllegalArgumentException("line " + lineNo + ": key id '" + parts[0] + "' is listed twice");
      }
      order.add(parts[0]);
    }
    if (order.isEmpty()) {
      throw new IllegalArgumentException("holds no key");
    }
    return new SealingKeys(order.get(0), keys);
  }

  /** A fresh file's content: one random key under {@code id}. */
  public static String generate(String id) {
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    return id + " " + Base64.getEncoder().encodeToString(key) + "\n";
  }

  String sealingId() {
    return sealingId;
  }

  SecretKey sealingKey() {
    return byId.get(sealingId);
  }

  /** The key with that id, or null. */
  SecretKey key(String id) {
    return byId.get(id);
  }

  @Override
  public String toString() {
    return "SealingKeys[seals with " + sealingId + ", opens " + byId.keySet() + "]";
  }
}
