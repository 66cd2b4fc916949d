package com.edgepay.gateway.simulator;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many times each call took effect, by the gateway's natural key for it: the question a money
 * test asks ("did anything move twice?"). A call takes effect when its handler accepted it, whether
 * or not its answer then reached anyone.
 *
 * <pre>
 * create order, session   order:{merchant}:{order_id}
 * /txns                   txn:{merchant}:{order_id}:{every parameter but merchant_id, sorted}
 * refund                  refund:{merchant}:{order_id}:{unique_request_id}
 * capture, void           capture|void:{merchant}:{txn_uuid}
 * update                  update:{merchant}:{order_id}:{every parameter, sorted}
 * </pre>
 */
final class Effects {
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

  void record(JuspayCall call) {
    String key = key(call);
    if (key != null) {
      counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }
  }

  JsonObject toJson() {
    JsonObject out = new JsonObject();
    new TreeMap<>(counts).forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  void clear() {
    counts.clear();
  }

  private static String key(JuspayCall call) {
    String merchant = call.merchantId();
    return switch (call.route()) {
      case CREATE_ORDER, SESSION -> "order:" + merchant + ":" + call.param("order_id");
      case TXNS -> call.has("vpa") && !call.has("payment_method_type") ? null
          : "txn:" + merchant + ":" + call.namedOrderId() + ":" + payload(call, true);
      case REFUND, REFUND_BY_BODY -> "refund:" + merchant + ":" + call.namedOrderId() + ":" + call.param("unique_request_id");
      case CAPTURE -> "capture:" + merchant + ":" + call.pathParam("txn_uuid");
      case VOID -> "void:" + merchant + ":" + call.pathParam("txn_uuid");
      case UPDATE_ORDER -> "update:" + merchant + ":" + call.namedOrderId() + ":" + payload(call, false);
      case ORDER_STATUS -> null;
    };
  }

  private static String payload(JuspayCall call, boolean withoutMerchant) {
    StringBuilder s = new StringBuilder();
    new TreeMap<>(call.params()).forEach((k, v) -> {
      if (!(withoutMerchant && k.equals("merchant_id"))) {
        s.append(k).append('=').append(v).append('&');
      }
    });
    return s.toString();
  }
}
