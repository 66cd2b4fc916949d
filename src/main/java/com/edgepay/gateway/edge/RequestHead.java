package com.edgepay.gateway.edge;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import javax.net.ssl.SSLSession;

/**
 * What filters may read of the client's request line and headers. A value, not Vert.x's request,
 * so that each filter's decisions can be tested without a server.
 *
 * @param uri the raw request target, as sent
 * @param path its path, undecoded
 * @param sslSession the TLS session, or null on plain HTTP
 */
record RequestHead(HttpMethod method, String uri, String path, MultiMap headers, SSLSession sslSession) {

  static RequestHead of(HttpServerRequest request) {
    return new RequestHead(request.method(), request.uri(), request.path(), request.headers(),
        request.isSSL() ? request.sslSession() : null);
  }

  /** The client's end-to-end header (never a hop-by-hop one), or null. */
  String header(String lowerCaseName) {
    return ClientHeaders.endToEnd(headers, lowerCaseName);
  }
}
