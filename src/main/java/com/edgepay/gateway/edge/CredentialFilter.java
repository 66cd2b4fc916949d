package com.edgepay.gateway.edge;

import com.edgepay.gateway.secrets.JuspayCredential;
import io.vertx.core.Future;
import java.util.function.Function;

/** The tenant's current Juspay key, from this event loop's copy of the secrets. */
final class CredentialFilter implements Filter.OnBody {
  private final Function<String, JuspayCredential> credentials;

  /** @param credentials a tenant id's current credential, or null */
  CredentialFilter(Function<String, JuspayCredential> credentials) {
    this.credentials = credentials;
  }

  @Override
  public Future<Outcome> onRequest(Exchange ex) {
    ex.credential = credentials.apply(ex.tenant.id());
    if (ex.credential == null) {
      throw new IllegalStateException("no Juspay credential for tenant " + ex.tenant.id());
    }
    return CONTINUE;
  }
}
