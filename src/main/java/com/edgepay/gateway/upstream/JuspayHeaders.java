package com.edgepay.gateway.upstream;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;

/**
 * Exactly the headers the contract lets reach Juspay. Built from scratch for every call: nothing
 * the client sent is copied wholesale, so hop-by-hop and unknown headers cannot leak through.
 */
public final class JuspayHeaders {
  public static final String MERCHANT_ID = "x-merchantid";
  public static final String ROUTING_ID = "x-routing-id";
  public static final String REQUEST_ID = "x-request-id";
  public static final String VERSION = "version";
  public static final String FORM = "application/x-www-form-urlencoded";

  private JuspayHeaders() {
  }

  /** @param routingId null when the call names no customer or order; version null when not given */
  public static MultiMap of(String authorization, String merchantId, String routingId, String requestId,
      String version) {
    MultiMap h = HttpHeaders.headers()
        .set(HttpHeaders.AUTHORIZATION, authorization)
        .set(MERCHANT_ID, merchantId)
        .set(REQUEST_ID, requestId)
        .set(HttpHeaders.CONTENT_TYPE, FORM);
    if (routingId != null) {
      h.set(ROUTING_ID, routingId);
    }
    if (version != null) {
      h.set(VERSION, version);
    }
    return h;
  }
}
