package com.edgepay.gateway.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Key names: no client-chosen id can name another id's keys. */
class StoreKeysTest {

  @Test
  void plainIdsStayReadableAndOthersBecomeDigests() {
    assertEquals("gw:{acme}:idem:orders:ord_1", StoreKeys.record("acme", "orders", "ord_1"));
    String odd = StoreKeys.record("acme", "orders", "ord 1/../x");
    assertTrue(odd.matches("gw:\\{acme}:idem:orders:h[0-9a-f]{32}"), odd);
  }

  /** An id spelled like another id's digest would share that id's record, lock and bindings. */
  @Test
  void anIdThatLooksLikeADigestIsDigestedToo() {
    String odd = "ord 1/../x";
    String digest = StoreKeys.safe(odd);
    assertNotEquals(StoreKeys.record("acme", "orders", odd), StoreKeys.record("acme", "orders", digest));
    assertNotEquals(StoreKeys.orderLock("acme", odd), StoreKeys.orderLock("acme", digest));
    assertEquals("h0123456789abcdef0123456789abcde", StoreKeys.safe("h0123456789abcdef0123456789abcde"),
        "32 characters after the h: not a digest's shape, kept as it is");
  }
}
