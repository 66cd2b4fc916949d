package com.edgepay.gateway.secrets;

/** Event-bus addresses of the secrets verticle. Local delivery only. */
public final class SecretsAddresses {
  /** Request: a tenant id. Reply: its {@link JuspayCredential}. */
  public static final String LOOKUP = "gateway.secrets.lookup";
  /** Request: anything. Reply: a {@link CredentialSnapshot}. */
  public static final String SNAPSHOT = "gateway.secrets.snapshot";
  /** Published: a {@link JuspayCredential} whose key changed. */
  public static final String CHANGED = "gateway.secrets.changed";

  private SecretsAddresses() {
  }
}
