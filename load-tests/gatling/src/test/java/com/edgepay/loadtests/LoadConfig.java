package com.edgepay.loadtests;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Settings for every simulation. Each one is read from a system property first ({@code -DNAME=...}),
 * then the environment, then a default:
 *
 * <ul>
 *   <li>{@code GATEWAY_URL} (default {@code http://127.0.0.1:8080}) - the gateway's public port;
 *   <li>{@code SIMULATOR_URL} (default {@code http://127.0.0.1:8089}) - the Juspay simulator's control API;
 *   <li>{@code TENANT_KEYS} = {@code key1,key2,key3} - gateway keys, one per tenant;
 *   <li>{@code MERCHANT_IDS} = {@code m1,m2,m3} - the tenants' merchant ids, in the same order;
 *   <li>{@code rate} (users per second) and {@code duration} (seconds) - the open-model injection;
 *   <li>{@code ramp} (seconds, part of {@code duration}) - the linear ramp up to {@code rate};
 *   <li>{@code window} (seconds) - the width of the latency-over-time table in the summary;
 *   <li>{@code loadtest.extraReport} - a file the simulation writes a Markdown section to after the run.
 * </ul>
 */
final class LoadConfig {

  private LoadConfig() {
  }

  static String str(String name, String fallback) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      value = System.getenv(name);
    }
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  static double number(String name, double fallback) {
    String value = str(name, null);
    if (value == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, not " + value, e);
    }
  }

  static String gatewayUrl() {
    return stripSlash(str("GATEWAY_URL", "http://127.0.0.1:8080"));
  }

  static String simulatorUrl() {
    return stripSlash(str("SIMULATOR_URL", "http://127.0.0.1:8089"));
  }

  /** The tenants to spread load over: TENANT_KEYS and MERCHANT_IDS, paired by position. */
  static List<Tenant> tenants() {
    List<String> keys = list(str("TENANT_KEYS", null), "TENANT_KEYS");
    List<String> merchants = list(str("MERCHANT_IDS", null), "MERCHANT_IDS");
    if (keys.size() != merchants.size()) {
      throw new IllegalArgumentException("TENANT_KEYS has " + keys.size() + " entries but MERCHANT_IDS has "
          + merchants.size() + "; they are paired by position");
    }
    return java.util.stream.IntStream.range(0, keys.size())
        .mapToObj(i -> new Tenant(i, keys.get(i), merchants.get(i)))
        .toList();
  }

  private static List<String> list(String value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " is not set (system property or environment), e.g. "
          + name + "=a,b,c");
    }
    List<String> items = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    if (items.isEmpty()) {
      throw new IllegalArgumentException(name + " is empty");
    }
    return items;
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** One tenant: its gateway key (never logged) and merchant id. */
  record Tenant(int index, String key, String merchantId) {

    /** {@code Basic base64("<key>:")}, the form the README documents first. */
    String authorization() {
      return "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
      return "Tenant[" + index + ", merchant=" + merchantId + "]";
    }
  }
}
