package com.edgepay.gateway.simulator;

import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One Juspay call as the handlers see it: route, headers and flattened parameters. */
final class JuspayCall {

  private final RoutingContext ctx;
  private final JuspayRoute route;
  private final Map<String, String> params;
  private final String errorRequestId;

  JuspayCall(RoutingContext ctx, JuspayRoute route, Map<String, String> params, String errorRequestId) {
    this.ctx = ctx;
    this.route = route;
    this.params = params;
    this.errorRequestId = errorRequestId;
  }

  JuspayRoute route() {
    return route;
  }

  Map<String, String> params() {
    return params;
  }

  /** The request_id our error answers carry, like Juspay's own. */
  String errorRequestId() {
    return errorRequestId;
  }

  String header(String name) {
    String value = ctx.request().getHeader(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  /** The merchant from x-merchantid; auth has already insisted on it before a handler runs. */
  String merchantId() {
    return header("x-merchantid");
  }

  Optional<String> apiKey() {
    return BasicAuth.apiKey(ctx.request().getHeader("authorization"));
  }

  String pathParam(String name) {
    return ctx.pathParam(name);
  }

  /** A parameter's value, or null when it is absent or blank. */
  String param(String name) {
    String value = params.get(name);
    return value == null || value.isBlank() ? null : value;
  }

  boolean has(String name) {
    return param(name) != null;
  }

  boolean isTrue(String name) {
    return "true".equalsIgnoreCase(param(name));
  }

  /** The names among {@code names} that are absent or blank, in the order given. */
  List<String> missing(String... names) {
    List<String> out = new ArrayList<>();
    Arrays.stream(names).filter(n -> !has(n)).forEach(out::add);
    return out;
  }

  /** The order the call names directly (path, order_id or order.order_id), or null. */
  String namedOrderId() {
    String fromPath = ctx.pathParam("order_id");
    if (fromPath != null) {
      return fromPath;
    }
    return has("order_id") ? param("order_id") : param("order.order_id");
  }

  /** What the journal may keep: headers that are not secret, parameter names only, a hash of the key. */
  JournalEntry journalEntry(String orderId) {
    return new JournalEntry(
        route.key(),
        ctx.request().method().name(),
        ctx.request().path(),
        header("x-merchantid"),
        header("x-routing-id"),
        header("x-request-id"),
        header("version"),
        header("content-type"),
        apiKey().map(BasicAuth::sha256Hex).orElse(null),
        params.keySet().stream().sorted().toList(),
        orderId);
  }
}
