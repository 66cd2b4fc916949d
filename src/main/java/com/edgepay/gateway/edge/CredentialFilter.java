package com.edgepay.gateway.edge;

import com.edgepay.gateway.api.ErrorCode;
import com.edgepay.gateway.api.GatewayError;
import com.edgepay.gateway.secrets.JuspayCredential;
import io.vertx.core.Future;
import java.util.function.Function;

/**
 * The tenant's current Juspay key, from this event loop's copy of the secrets. Runs before the
 * claim: a tenant whose key is withdrawn gets 503 with nothing claimed, replayed or sent (not even
 * an order-status check in its name).
 */
final class CredentialFilter implements Filter.OnBody {
  /** How long a client should wait: a withdrawal is an operator's act, not a passing fault. */
  static final long WITHDRAWN_RETRY_AFTER_SECONDS = 30;
  static final GatewayError WITHDRAWN = GatewayError.of(ErrorCode.UPSTREAM_UNAVAILABLE_KEY_WITHDRAWN,
      "This merchant's Juspay key is withdrawn at the gateway; nothing was sent to Juspay")
      .retryAfter(WITHDRAWN_RETRY_AFTER_SECONDS);

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
    if (ex.credential.revoked()) {
      throw WITHDRAWN;
    }
    return CONTINUE;
  }
}
