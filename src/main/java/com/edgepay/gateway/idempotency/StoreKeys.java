package com.edgepay.gateway.idempotency;

import com.edgepay.gateway.api.RouteTable;
import com.edgepay.gateway.crypto.Digests;

/**
 * Redis key names. Every key of a tenant carries the hash tag {@code {tenant}}, so each script
 * touches one Redis Cluster slot. Ids that are not plain ([A-Za-z0-9_-], 64 at most) are stored as
 * a digest, so no client value can bend a key's shape.
 */
public final class StoreKeys {
  private static final String NONE = ":-";

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

  static String orderLock(String tenantId, String orderId) {
    return tag(tenantId) + ":lock:o:" + safe(orderId);
  }

  static String txnLock(String tenantId, String txnUuid) {
    return tag(tenantId) + ":lock:t:" + safe(txnUuid);
  }

  static String orderRouting(String tenantId, String orderId) {
    return orderId == null ? none(tenantId) : tag(tenantId) + ":rid:o:" + safe(orderId);
  }

  static String customerRouting(String tenantId, String customerId) {
    return customerId == null ? none(tenantId) : tag(tenantId) + ":rid:c:" + safe(customerId);
  }

  static String txnRouting(String tenantId, String txnUuid) {
    return txnUuid == null ? none(tenantId) : tag(tenantId) + ":rid:t:" + safe(txnUuid);
  }

  /** Plain ids stay readable for operators; anything else becomes a fixed-size digest. */
  static String safe(String id) {
    return RouteTable.isSafeId(id) ? id : "h" + Digests.sha256Hex(id).substring(0, 32);
  }
}
