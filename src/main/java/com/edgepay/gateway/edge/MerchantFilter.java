package com.edgepay.gateway.edge;

import com.edgepay.gateway.tenant.MerchantGuard;
import com.edgepay.gateway.upstream.JuspayHeaders;
import io.vertx.core.Future;

/** A key acts for one merchant: another merchant's id is 403, and ours is set on the way to Juspay. */
final class MerchantFilter implements Filter.OnBody {
  @Override
  public Future<Outcome> onRequest(Exchange ex) {
    ex.form = MerchantGuard.apply(ex.tenant, ex.head.header(JuspayHeaders.MERCHANT_ID), ex.form, ex.hasBody);
    return CONTINUE;
  }
}
