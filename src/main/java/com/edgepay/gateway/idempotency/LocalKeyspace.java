package com.edgepay.gateway.idempotency;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The part of Redis's keyspace the scripts use, in this JVM: strings and hashes with millisecond
 * expiry, read lazily as Redis does. Not thread-safe: {@link LocalScripts} serialises access.
 */
final class LocalKeyspace {
  private final Map<String, Object> values = new HashMap<>();
  private final Map<String, Long> expiresAt = new HashMap<>();
  private int writesSinceSweep;

  long now() {
    return System.currentTimeMillis();
  }

  /** A live value: byte[] for a string, a map for a hash; null when absent or expired. */
  Object get(String key) {
    Long expiry = expiresAt.get(key);
    if (expiry != null && expiry <= now()) {
      delete(key);
      return null;
    }
    return values.get(key);
  }

  byte[] string(String key) {
    Object v = get(key);
    if (v != null && !(v instanceof byte[])) {
      throw new IllegalStateException("WRONGTYPE Operation against a key holding the wrong kind of value");
    }
    return (byte[]) v;
  }

  @SuppressWarnings("unchecked")
  Map<String, byte[]> hash(String key, boolean create) {
    Object v = get(key);
    if (v == null && create) {
      v = new LinkedHashMap<String, byte[]>();
      values.put(key, v);
      expiresAt.remove(key);
    }
    if (v != null && !(v instanceof LinkedHashMap)) {
      throw new IllegalStateException("WRONGTYPE Operation against a key holding the wrong kind of value");
    }
    return (Map<String, byte[]>) v;
  }

  /** A sorted set: member to score, ordered by score then member as Redis orders it. */
  @SuppressWarnings("unchecked")
  Map<String, Double> zset(String key, boolean create) {
    Object v = get(key);
    if (v == null && create) {
      v = new HashMap<String, Double>();
      values.put(key, v);
      expiresAt.remove(key);
    }
    if (v != null && !(v instanceof HashMap)) {
      throw new IllegalStateException("WRONGTYPE Operation against a key holding the wrong kind of value");
    }
    return (Map<String, Double>) v;
  }

  void setString(String key, byte[] value, long ttlMs) {
    values.put(key, value);
    if (ttlMs > 0) {
      expiresAt.put(key, now() + ttlMs);
    } else {
      expiresAt.remove(key);
    }
    sweepNowAndThen();
  }

  boolean delete(String key) {
    expiresAt.remove(key);
    return values.remove(key) != null;
  }

  boolean expire(String key, long ttlMs) {
    if (get(key) == null) {
      return false;
    }
    if (ttlMs <= 0) {
      delete(key);
    } else {
      expiresAt.put(key, now() + ttlMs);
    }
    return true;
  }

  /** Redis's PTTL: -2 when absent, -1 when it never expires. */
  long ttl(String key) {
    if (get(key) == null) {
      return -2;
    }
    Long expiry = expiresAt.get(key);
    return expiry == null ? -1 : Math.max(0, expiry - now());
  }

  void removeIfEmpty(String key, Map<?, ?> map) {
    if (map.isEmpty()) {
      delete(key);
    }
  }

  /** Expired keys nobody reads again would otherwise stay: drop them every few thousand writes. */
  private void sweepNowAndThen() {
    if (++writesSinceSweep < 4096) {
      return;
    }
    writesSinceSweep = 0;
    long now = now();
    for (Iterator<Map.Entry<String, Long>> it = expiresAt.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Long> e = it.next();
      if (e.getValue() <= now) {
        values.remove(e.getKey());
        it.remove();
      }
    }
  }
}
