package com.edgepay.gateway.secrets;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A tenant's Juspay key, held only as the ready-made Authorization header value so that the hot
 * path does no encoding, or the fact that it is withdrawn ({@link #revoked()}: no key at all).
 * {@link #toString()} never shows the key.
 *
 * @param authorization the header value, or null when the tenant's key is withdrawn
 * @param version increases with every reload, so a cache can ignore a stale copy
 */
public record JuspayCredential(String tenantId, String authorization, long version) {

  public static JuspayCredential fromKey(String tenantId, String apiKey, long version) {
    String basic = Base64.getEncoder().encodeToString((apiKey + ":").getBytes(StandardCharsets.UTF_8));
    return new JuspayCredential(tenantId, "Basic " + basic, version);
  }

  /** The tenant's key is withdrawn (a {@code revoked} marker): nothing may be sent in its name. */
  public static JuspayCredential revoked(String tenantId, long version) {
    return new JuspayCredential(tenantId, null, version);
  }

  public boolean revoked() {
    return authorization == null;
  }

  @Override
  public String toString() {
    return "JuspayCredential[" + tenantId + ", v" + version + (revoked() ? ", revoked]" : ", ****]");
  }
}
