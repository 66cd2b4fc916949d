package com.edgepay.gateway.simulator;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a Juspay call's parameters into one flat map. Juspay takes form bodies, and the SDKs also send
 * JSON; nested JSON objects are flattened to the dotted names the form style uses ("order.amount").
 */
final class RequestParams {

  private RequestParams() {
  }

  /** Throws IllegalArgumentException when a JSON body cannot be read as an object. */
  static Map<String, String> parse(RoutingContext ctx) {
    Map<String, String> params = new LinkedHashMap<>();
    String body = ctx.body() == null ? null : ctx.body().asString();
    if (body != null && !body.isBlank()) {
      if (isJson(ctx.request().getHeader("content-type"), body)) {
        flatten("", parseObject(body), params);
      } else {
        decodeForm(body, params);
      }
    }
    ctx.queryParams().forEach(e -> params.putIfAbsent(e.getKey(), e.getValue()));
    return params;
  }

  private static boolean isJson(String contentType, String body) {
    if (contentType != null) {
      String type = contentType.toLowerCase(Locale.ROOT);
      if (type.contains("json")) {
        return true;
      }
      if (type.contains("x-www-form-urlencoded")) {
        return false;
      }
    }
    return body.stripLeading().startsWith("{");
  }

  private static JsonObject parseObject(String body) {
    try {
      return new JsonObject(body);
    } catch (DecodeException | ClassCastException e) {
      throw new IllegalArgumentException("body is not a JSON object", e);
    }
  }

  private static void decodeForm(String body, Map<String, String> params) {
    Map<String, List<String>> decoded =
        new QueryStringDecoder(body, StandardCharsets.UTF_8, false).parameters();
    decoded.forEach((name, values) -> params.put(name, values.isEmpty() ? "" : values.get(0)));
  }

  private static void flatten(String prefix, JsonObject json, Map<String, String> params) {
    for (Map.Entry<String, Object> field : json) {
      String name = prefix + field.getKey();
      Object value = field.getValue();
      if (value instanceof JsonObject nested) {
        flatten(name + ".", nested, params);
      } else if (value instanceof JsonArray array) {
        params.put(name, array.encode());
      } else if (value != null) {
        params.put(name, String.valueOf(value));
      }
    }
  }
}
