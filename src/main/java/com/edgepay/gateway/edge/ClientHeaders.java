package com.edgepay.gateway.edge;

import io.vertx.core.MultiMap;
import java.util.Set;

/**
 * Reads a client's end-to-end headers. Hop-by-hop headers (RFC 9110 7.6.1), Proxy-* and every
 * header the client named in Connection read as absent, so none of them can influence, or pass
 * through, the gateway.
 */
final class ClientHeaders {
  private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection", "te",
      "trailer", "transfer-encoding", "upgrade");

  private ClientHeaders() {
  }

  /** @return the value, or null when absent or hop-by-hop; {@code name} must be lower case */
  static String endToEnd(MultiMap headers, String name) {
    if (isHopByHop(headers, name)) {
      return null;
    }
    return headers.get(name);
  }

  static boolean isHopByHop(MultiMap headers, String name) {
    if (HOP_BY_HOP.contains(name) || name.startsWith("proxy-")) {
      return true;
    }
    String connection = headers.get("connection");
    if (connection == null) {
      return false;
    }
    for (String value : headers.getAll("connection")) {
      for (String token : value.split(",")) {
        if (token.trim().equalsIgnoreCase(name)) {
          return true;
        }
      }
    }
    return false;
  }
}
