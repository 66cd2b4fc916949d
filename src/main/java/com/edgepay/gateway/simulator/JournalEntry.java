package com.edgepay.gateway.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What the simulator noted about one Juspay call. It holds header values that are not secret and only
 * the names of the body parameters: never their values, never the API key (only its SHA-256).
 *
 * @param orderId the order the call concerns, kept so the journal can be filtered by it
 */
public record JournalEntry(
    String route,
    String method,
    String path,
    String merchantId,
    String routingId,
    String requestId,
    String version,
    String contentType,
    String apiKeySha256,
    List<String> params,
    String orderId) {

  public JournalEntry {
    params = List.copyOf(params);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("route", route)
        .put("method", method)
        .put("path", path)
        .put("merchant_id", merchantId)
        .put("routing_id", routingId)
        .put("request_id", requestId)
        .put("version", version)
        .put("content_type", contentType)
        .put("api_key_sha256", apiKeySha256)
        .put("params", new JsonArray(params))
        .put("order_id", orderId);
  }
}
