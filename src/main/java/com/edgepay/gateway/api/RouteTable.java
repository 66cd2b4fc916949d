package com.edgepay.gateway.api;

import io.vertx.core.http.HttpMethod;

/**
 * Matches a raw (undecoded) request path against {@link ApiRoute}. It refuses, rather than
 * normalises, anything a path-confusion attack relies on: percent-encoding (so no encoded
 * slashes), dot segments, empty segments and matrix parameters.
 */
public final class RouteTable {
  /** Path parameters are Juspay ids: order ids and txn uuids are letters, digits, '-' and '_'. */
  public static final int MAX_PARAM_LENGTH = 64;

  private RouteTable() {
  }

  /**
   * @return the match; never null
   * @throws GatewayError NOT_FOUND for anything off the table, INVALID_PARAMETER for a bad id
   */
  public static RouteMatch match(HttpMethod method, String rawPath) {
    String[] segments = segments(rawPath);
    GatewayError badParam = null;
    for (ApiRoute route : ApiRoute.values()) {
      if (route.method() != method || !sameShape(route, segments)) {
        continue;
      }
      if (route.paramIndex() < 0) {
        return new RouteMatch(route, null);
      }
      String param = segments[route.paramIndex()];
      if (isSafeId(param)) {
        return new RouteMatch(route, param);
      }
      badParam = GatewayError.of(ErrorCode.INVALID_PARAMETER, "Path parameter is malformed")
          .withField(route.paramName(), "must be 1-" + MAX_PARAM_LENGTH + " letters, digits, '-' or '_'");
    }
    if (badParam != null) {
      throw badParam;
    }
    throw notFound();
  }

  /** Letters, digits, '-' and '_' only; shared by every id that ends up in a path or a key. */
  public static boolean isSafeId(String s) {
    int n = s.length();
    if (n == 0 || n > MAX_PARAM_LENGTH) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameShape(ApiRoute route, String[] segments) {
    if (route.segmentCount() != segments.length) {
      return false;
    }
    for (int i = 0; i < segments.length; i++) {
      if (i != route.paramIndex() && !route.segment(i).equals(segments[i])) {
        return false;
      }
    }
    return true;
  }

  private static String[] segments(String rawPath) {
    if (rawPath == null || rawPath.length() < 2 || rawPath.charAt(0) != '/') {
      throw notFound();
    }
    String[] segments = rawPath.substring(1).split("/", -1);
    for (String s : segments) {
      if (s.isEmpty() || s.equals(".") || s.equals("..") || s.indexOf('%') >= 0 || s.indexOf(';') >= 0
          || s.indexOf('\\') >= 0) {
        throw notFound();
      }
    }
    return segments;
  }

  private static GatewayError notFound() {
    return GatewayError.of(ErrorCode.NOT_FOUND, "No such route");
  }
}
