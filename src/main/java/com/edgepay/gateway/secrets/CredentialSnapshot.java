package com.edgepay.gateway.secrets;

import java.util.Map;

/** Every tenant's current credential, as handed to an edge verticle when it starts. */
public record CredentialSnapshot(Map<String, JuspayCredential> credentials) {
  public CredentialSnapshot {
    credentials = Map.copyOf(credentials);
  }

  @Override
  public String toString() {
    return "CredentialSnapshot[" + credentials.keySet() + "]";
  }
}
