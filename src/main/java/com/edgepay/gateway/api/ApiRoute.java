package com.edgepay.gateway.api;

import io.vertx.core.http.HttpMethod;

/**
 * The contract's route table: the only calls the gateway forwards. The upstream path is always
 * rebuilt from the template and a validated path parameter, never copied from the client.
 */
public enum ApiRoute {
  CREATE_ORDER(HttpMethod.POST, "/orders"),
  ORDER_STATUS(HttpMethod.GET, "/orders/{order_id}"),
  UPDATE_ORDER(HttpMethod.POST, "/orders/{order_id}"),
  REFUND(HttpMethod.POST, "/orders/{order_id}/refunds"),
  /** The same refund, the order named in the body (as Juspay's Java SDK sends it). */
  REFUND_BY_BODY(HttpMethod.POST, "/refunds"),
  TXNS(HttpMethod.POST, "/txns"),
  SESSION(HttpMethod.POST, "/session"),
  CAPTURE(HttpMethod.POST, "/v2/txns/{txn_uuid}/capture"),
  VOID(HttpMethod.POST, "/v2/txns/{txn_uuid}/void");

  private final HttpMethod method;
  private final String template;
  private final String[] segments;
  private final int paramIndex;
  private final String pathPrefix;
  private final String pathSuffix;

  ApiRoute(HttpMethod method, String template) {
    this.method = method;
    this.template = template;
    this.segments = template.substring(1).split("/");
    int index = -1;
    for (int i = 0; i < segments.length; i++) {
      if (segments[i].startsWith("{")) {
        index = i;
      }
    }
    this.paramIndex = index;
    int open = template.indexOf('{');
    this.pathPrefix = open < 0 ? template : template.substring(0, open);
    this.pathSuffix = open < 0 ? "" : template.substring(template.indexOf('}') + 1);
  }

  public HttpMethod method() {
    return method;
  }

  /** The route template, the only form of a path that may appear in a metric label. */
  public String template() {
    return template;
  }

  /** Name of the path parameter ("order_id", "txn_uuid"), or null when the route has none. */
  public String paramName() {
    return paramIndex < 0 ? null : segments[paramIndex].substring(1, segments[paramIndex].length() - 1);
  }

  /** "METHOD template", the form used in config files: {@code "POST /txns"}. */
  public String label() {
    return method.name() + " " + template;
  }

  /** @return the route with that {@link #label()}, or null */
  public static ApiRoute byLabel(String label) {
    for (ApiRoute r : values()) {
      if (r.label().equals(label)) {
        return r;
      }
    }
    return null;
  }

  /** Reads may be served without an idempotency claim; everything else can move money. */
  public boolean isRead() {
    return method == HttpMethod.GET;
  }

  /** The upstream path: the template with the validated parameter put in its place. */
  public String upstreamPath(String param) {
    return paramIndex < 0 ? template : pathPrefix + param + pathSuffix;
  }

  int segmentCount() {
    return segments.length;
  }

  int paramIndex() {
    return paramIndex;
  }

  String segment(int i) {
    return segments[i];
  }
}
