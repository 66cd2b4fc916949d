package com.edgepay.gateway.config;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A Juspay base URL, taken apart once at start. Only configuration creates one, so the upstream
 * host can never come from a client.
 */
public record UpstreamEndpoint(String host, int port, boolean ssl, String basePath) {

  /** @throws IllegalArgumentException with a reason fit for a one-line config error */
  public static UpstreamEndpoint parse(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("must be an http or https URL");
    }
    if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("must be scheme://host[:port][/path] with no user, query or fragment");
    }
    boolean ssl = scheme.equals("https");
    int port = uri.getPort() > 0 ? uri.getPort() : (ssl ? 443 : 80);
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return new UpstreamEndpoint(uri.getHost(), port, ssl, path);
  }

  @Override
  public String toString() {
    return (ssl ? "https://" : "http://") + host + ":" + port + basePath;
  }
}
