package com.edgepay.gateway.support;

import io.vertx.core.MultiMap;

/** Form bodies for tests: {@code Forms.of("order_id", "o1", "amount", "1.00")}. */
public final class Forms {
  private Forms() {
  }

  public static MultiMap of(String... pairs) {
    MultiMap m = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < pairs.length; i += 2) {
      m.add(pairs[i], pairs[i + 1]);
    }
    return m;
  }
}
