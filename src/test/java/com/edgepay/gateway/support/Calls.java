package com.edgepay.gateway.support;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;

/** A merchant's calls through a gateway fixture, written the way a test reads them. */
public final class Calls {
  private final GatewayFixture gw;
  private final String key;

  public Calls(GatewayFixture gw, String key) {
    this.gw = gw;
    this.key = key;
  }

  /** POST a form; {@code headers} are name/value pairs. */
  public Future<HttpResponse<Buffer>> post(String path, MultiMap form, String... headers) {
    HttpRequest<Buffer> request = gw.post(path, key);
    for (int i = 0; i < headers.length; i += 2) {
      request.putHeader(headers[i], headers[i + 1]);
    }
    return request.sendForm(form);
  }

  public Future<HttpResponse<Buffer>> get(String path, String... headers) {
    HttpRequest<Buffer> request = gw.request(HttpMethod.GET, path, key);
    for (int i = 0; i < headers.length; i += 2) {
      request.putHeader(headers[i], headers[i + 1]);
    }
    return request.send();
  }

  public Future<HttpResponse<Buffer>> createOrder(String orderId, String... headers) {
    return post("/orders", Forms.of("order_id", orderId, "amount", "100.00", "customer_id", "cust_" + orderId), headers);
  }

  /** A card payment on an existing order ({@code method} varies the payload: a new attempt). */
  public Future<HttpResponse<Buffer>> pay(String orderId, String method, String... headers) {
    return post("/txns", Forms.of("order_id", orderId, "payment_method_type", "NB", "payment_method", method,
        "format", "json"), headers);
  }

  /** A UPI collect on an existing order: it stays PENDING_VBV until the customer approves it. */
  public Future<HttpResponse<Buffer>> collect(String orderId, String vpa, String... headers) {
    return post("/txns", Forms.of("order_id", orderId, "payment_method_type", "UPI", "payment_method", "UPI",
        "txn_type", "UPI_COLLECT", "upi_vpa", vpa, "format", "json"), headers);
  }

  /** The error code of an answer, or its status as text when it is not the gateway's error. */
  public static String code(HttpResponse<Buffer> r) {
    try {
      JsonObject body = r.bodyAsJsonObject();
      String code = body == null ? null : body.getString("error_code");
      return code != null ? r.statusCode() + " " + code : String.valueOf(r.statusCode());
    } catch (RuntimeException notJson) {
      return String.valueOf(r.statusCode());
    }
  }
}
