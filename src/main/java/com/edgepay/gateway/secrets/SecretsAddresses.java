package com.edgepay.gateway.secrets;

/** Event-bus addresses of the secrets verticle. Local delivery only. */
public final class SecretsAddresses {
  /** Request: anything. Reply: a {@link CredentialSnapshot}. */
  public static final String SNAPSHOT = "gateway.secrets.snapshot";
  /** Published: a {@link JuspayCredential} whose key changed. */
  public static final String CHANGED = "gateway.secrets.changed";

  private SecretsAddresses() {
  }
}
