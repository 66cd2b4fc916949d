package com.edgepay.gateway.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A Juspay base URL, taken apart once at start. Only configuration creates one, so the upstream
 * host can never come from a client.
 */
public record UpstreamEndpoint(String host, int port, boolean ssl, String basePath) {
  /** A dotted-quad IPv4 literal; anything looser (127.1, 0x7f.0.0.1) is not taken for loopback. */
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  /**
   * Takes a base URL apart: {@code http(s)://host[:port][/path]}, nothing else. A user part, a
   * query or a fragment is refused rather than dropped: each is a sign the URL is not the one
   * meant (a pasted link, a credential), and the gateway must never send a tenant's key elsewhere.
   *
   * @throws IllegalArgumentException with a reason fit for a one-line config error
   */
  public static UpstreamEndpoint parse(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("must be an https:// URL");
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("must not hold a user part (user@host): put no credentials in a URL");
    }
    if (uri.getRawQuery() != null) {
      throw new IllegalArgumentException("must not hold a query (?...): it must be scheme://host[:port][/path]");
    }
    if (uri.getRawFragment() != null) {
      throw new IllegalArgumentException("must not hold a fragment (#...): it must be scheme://host[:port][/path]");
    }
    if (uri.getHost() == null || uri.getPort() > 65535) {
      throw new IllegalArgumentException("must be scheme://host[:port][/path] with a valid host name and port");
    }
    boolean ssl = scheme.equals("https");
    int port = uri.getPort() > 0 ? uri.getPort() : (ssl ? 443 : 80);
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return new UpstreamEndpoint(uri.getHost(), port, ssl, path);
  }

  /**
   * Refuses plain {@code http://} unless the host is this machine or the operator allowed it: a
   * tenant's Juspay key and its customers' card data must not cross a network in clear.
   *
   * @param allowPlainHttp {@code upstream.allow_plain_http}: a development cluster's simulator
   * @throws IllegalArgumentException with a reason fit for a one-line config error
   */
  public UpstreamEndpoint requireTls(boolean allowPlainHttp) {
    if (!ssl && !allowPlainHttp && !loopback()) {
      throw new IllegalArgumentException("is plain http:// to '" + host + "', which is not loopback: Juspay keys and "
          + "card data would cross the network in clear; use https://, or set upstream.allow_plain_http to true "
          + "(a development cluster's simulator only)");
    }
    return this;
  }

  /**
   * Whether the host is this machine by its literal spelling: {@code localhost}, an IPv4 address
   * in 127.0.0.0/8, or {@code ::1}. Decided without a DNS lookup, so a name that merely resolves
   * to a loopback address today does not count.
   */
  public boolean loopback() {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost")) {
      return true;
    }
    if (IPV4.matcher(h).matches()) {
      String[] octets = h.split("\\.");
      for (String octet : octets) {
        if (Integer.parseInt(octet) > 255) {
          return false;
        }
      }
      return octets[0].equals("127");
    }
    if (h.startsWith("[") && h.endsWith("]") && h.contains(":")) {
      try {
        // An IPv6 literal (it has a colon) is parsed, never looked up.
        return InetAddress.getByName(h.substring(1, h.length() - 1)).isLoopbackAddress();
      } catch (UnknownHostException e) {
        return false;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return (ssl ? "https://" : "http://") + host + ":" + port + basePath;
  }
}
