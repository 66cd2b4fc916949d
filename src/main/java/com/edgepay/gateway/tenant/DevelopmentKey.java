package com.edgepay.gateway.tenant;

import com.edgepay.gateway.config.ConfigException;
import com.edgepay.gateway.config.EnvVars;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The development gateway key: conf/tenants.json (and so the image) ships a tenant that accepts
 * it, and the README prints it, so anyone can call a gateway that still accepts it. The gateway
 * refuses to start with it unless {@code GATEWAY_ALLOW_DEV_KEY=true}. Found by its digest, under
 * whatever tenant name it is listed; the demo never needs the flag (its tenant's key is random).
 */
public final class DevelopmentKey {
  private static final Logger LOG = LoggerFactory.getLogger(DevelopmentKey.class);
  /** SHA-256 of the development key, as conf/tenants.json lists it. */
  public static final KeyDigest DIGEST =
      KeyDigest.fromHex("731c1a7ff4c3cd170362a99df4c39e14e19bf994d19b3e6721849d719cebf289");

  private DevelopmentKey() {
  }

  /**
   * @param file the tenant registry, for the message
   * @param allowed {@code GATEWAY_ALLOW_DEV_KEY=true}
   * @throws ConfigException naming the file and the tenant when one accepts the development key and
   *     it is not allowed
   */
  public static void check(String file, TenantRegistry tenants, boolean allowed) {
    for (Tenant t : tenants.all()) {
      if (!t.keys().contains(DIGEST)) {
        continue;
      }
      if (!allowed) {
        throw new ConfigException(file, "tenant '" + t.id() + "' accepts the development gateway key (the one "
            + "conf/tenants.json ships with, public in the README); replace its api_key_sha256, or set "
            + EnvVars.GATEWAY_ALLOW_DEV_KEY + "=true for a development run");
      }
      LOG.warn("tenant '{}' accepts the development gateway key ({}=true): never do this with real merchants",
          t.id(), EnvVars.GATEWAY_ALLOW_DEV_KEY);
    }
  }
}
