package com.edgepay.gateway.secrets;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A tenant's Juspay key, held only as the ready-made Authorization header value so that the hot
 * path does no encoding. {@link #toString()} never shows it.
 *
 * @param version increases with every reload, so a cache can ignore a stale copy
 */
public record JuspayCredential(String tenantId, String authorization, long version) {

  public static JuspayCredential fromKey(String tenantId, String apiKey, long version) {
    String basic = Base64.getEncoder().encodeToString((apiKey + ":").getBytes(StandardCharsets.UTF_8));
    return new JuspayCredential(tenantId, "Basic " + basic, version);
  }

  @Override
  public String toString() {
    return "JuspayCredential[" + tenantId + ", v" + version + ", ****]";
  }
}
