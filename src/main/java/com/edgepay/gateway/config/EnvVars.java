package com.edgepay.gateway.config;

import java.util.List;

/** The contract's environment variables. Each beats the config file. */
public final class EnvVars {
  public static final String GATEWAY_PORT = "GATEWAY_PORT";
  public static final String GATEWAY_ADMIN_PORT = "GATEWAY_ADMIN_PORT";
  public static final String JUSPAY_BASE_URL = "JUSPAY_BASE_URL";
  public static final String REDIS_URL = "REDIS_URL";
  public static final String GATEWAY_TENANTS_FILE = "GATEWAY_TENANTS_FILE";
  public static final String GATEWAY_SECRETS_DIR = "GATEWAY_SECRETS_DIR";
  public static final String GATEWAY_TLS_CERT = "GATEWAY_TLS_CERT";
  public static final String GATEWAY_TLS_KEY = "GATEWAY_TLS_KEY";
  /** Not in the contract: where gateway.json itself lives (default conf/gateway.json). */
  public static final String GATEWAY_CONFIG_FILE = "GATEWAY_CONFIG_FILE";
  /**
   * Not in the contract: {@code true} lets the gateway start with a tenant that accepts the
   * development gateway key conf/tenants.json ships with (public in the README). Unset or
   * {@code false}, such a tenant stops start-up.
   */
  public static final String GATEWAY_ALLOW_DEV_KEY = "GATEWAY_ALLOW_DEV_KEY";

  public static final List<String> ALL = List.of(GATEWAY_PORT, GATEWAY_ADMIN_PORT, JUSPAY_BASE_URL, REDIS_URL,
      GATEWAY_TENANTS_FILE, GATEWAY_SECRETS_DIR, GATEWAY_TLS_CERT, GATEWAY_TLS_KEY, GATEWAY_CONFIG_FILE,
      GATEWAY_ALLOW_DEV_KEY);

  private EnvVars() {
  }
}
