package com.edgepay.gateway.simulator;

import io.vertx.core.http.HttpMethod;
import java.util.Arrays;
import java.util.Optional;

/** The Juspay calls the simulator answers; {@link #key()} names them in stats, journal and fault rules. */
public enum JuspayRoute {
  CREATE_ORDER(HttpMethod.POST, "/orders", LatencyTable.CREATE_ORDER),
  ORDER_STATUS(HttpMethod.GET, "/orders/:order_id", LatencyTable.ORDER_STATUS),
  UPDATE_ORDER(HttpMethod.POST, "/orders/:order_id", LatencyTable.CREATE_ORDER),
  REFUND(HttpMethod.POST, "/orders/:order_id/refunds", LatencyTable.CREATE_ORDER),
  /** The same refund with the order in the body, as Juspay's Java SDK sends it; answers the refund. */
  REFUND_BY_BODY(HttpMethod.POST, "/refunds", LatencyTable.CREATE_ORDER),
  TXNS(HttpMethod.POST, "/txns", LatencyTable.TXNS),
  SESSION(HttpMethod.POST, "/session", LatencyTable.CREATE_ORDER),
  CAPTURE(HttpMethod.POST, "/v2/txns/:txn_uuid/capture", LatencyTable.TXNS),
  VOID(HttpMethod.POST, "/v2/txns/:txn_uuid/void", LatencyTable.TXNS);

  private final HttpMethod method;
  private final String path;
  private final LatencyTable latencyTable;

  JuspayRoute(HttpMethod method, String path, LatencyTable latencyTable) {
    this.method = method;
    this.path = path;
    this.latencyTable = latencyTable;
  }

  public HttpMethod method() {
    return method;
  }

  /** The vertx-web path template, e.g. {@code /orders/:order_id}. */
  public String path() {
    return path;
  }

  /** For example {@code "POST /orders/:order_id/refunds"}. */
  public String key() {
    return method.name() + " " + path;
  }

  public LatencyTable latencyTable() {
    return latencyTable;
  }

  public static Optional<JuspayRoute> fromKey(String key) {
    return Arrays.stream(values()).filter(r -> r.key().equals(key)).findFirst();
  }
}
