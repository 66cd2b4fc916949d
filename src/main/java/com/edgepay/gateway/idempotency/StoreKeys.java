package com.edgepay.gateway.idempotency;

import com.edgepay.gateway.api.RouteTable;
import com.edgepay.gateway.crypto.Digests;

/**
 * Redis key names. Every key of a tenant carries the hash tag {@code {tenant}}, so each script
 * touches one Redis Cluster slot. Ids that are not plain ([A-Za-z0-9_-], 64 at most) are stored as
 * a digest, so no client value can bend a key's shape; Juspay's own ids (txn uuids) appear only as
 * keyed tags.
 */
public final class StoreKeys {
  private static final String NONE = ":-";
  private static final char DIGESTED = 'h';

  private StoreKeys() {
  }

  static String tag(String tenantId) {
    return "gw:{" + tenantId + "}";
  }

  /** A placeholder for "no such entity": the scripts skip keys ending in ":-". */
  static String none(String tenantId) {
    return tag(tenantId) + NONE;
  }

  static boolean isNone(String key) {
    return key.endsWith(NONE);
  }

  static String record(String tenantId, String kind, String id) {
    return tag(tenantId) + ":idem:" + kind + ":" + safe(id);
  }

  /** An Idempotency-Key header's own record: the payload it was first used with. */
  static String clientKey(String tenantId, String kind, String key) {
    return tag(tenantId) + ":ckey:" + kind + ":" + safe(key);
  }

  static String orderLock(String tenantId, String orderId) {
    return tag(tenantId) + ":lock:o:" + safe(orderId);
  }

  static String txnLock(String tenantId, String txnTag) {
    return tag(tenantId) + ":lock:t:" + txnTag;
  }

  /** A payment's order: how many attempts were sent, whether one succeeded, whether it is paid. */
  static String orderBook(String tenantId, String orderId) {
    return orderId == null ? none(tenantId) : tag(tenantId) + ":book:" + safe(orderId);
  }

  static String orderRouting(String tenantId, String orderId) {
    return orderId == null ? none(tenantId) : tag(tenantId) + ":rid:o:" + safe(orderId);
  }

  static String customerRouting(String tenantId, String customerId) {
    return customerId == null ? none(tenantId) : tag(tenantId) + ":rid:c:" + safe(customerId);
  }

  static String txnRouting(String tenantId, String txnTag) {
    return txnTag == null ? none(tenantId) : tag(tenantId) + ":rid:t:" + txnTag;
  }

  /** A completed payment's order id, for reconciling a capture or void of its txn. */
  static String txnOrder(String tenantId, String txnTag) {
    return txnTag == null ? none(tenantId) : tag(tenantId) + ":txo:" + txnTag;
  }

  /** The tenant's unknown outcomes, waiting for reconciliation (a sorted set). */
  static String unknowns(String tenantId) {
    return tag(tenantId) + ":unknown";
  }

  /** The tenant's unknown outcomes by when they became unknown (a sorted set): how many, how old. */
  static String unknownSince(String tenantId) {
    return tag(tenantId) + ":unknown:since";
  }

  static String tombstone(String tenantId, String token) {
    return tag(tenantId) + ":tomb:" + token;
  }

  /**
   * Plain ids stay readable for operators; anything else becomes a fixed-size digest. A plain id
   * that looks like a digest is digested too, so no id can name another id's keys.
   */
  static String safe(String id) {
    return RouteTable.isSafeId(id) && !looksDigested(id) ? id : DIGESTED + Digests.sha256Hex(id).substring(0, 32);
  }

  private static boolean looksDigested(String id) {
    if (id.length() != 33 || id.charAt(0) != DIGESTED) {
      return false;
    }
    for (int i = 1; i < id.length(); i++) {
      char c = id.charAt(i);
      if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
        return false;
      }
    }
    return true;
  }
}
