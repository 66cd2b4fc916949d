package com.edgepay.gateway.tenant;

import com.edgepay.gateway.api.ErrorCode;
import com.edgepay.gateway.api.GatewayError;
import com.edgepay.gateway.form.FormBody;
import com.edgepay.gateway.form.JuspayFields;

/**
 * A key acts for exactly one merchant. A client may name its merchant (as Juspay's SDKs do) but
 * never another; the gateway then sets the merchant id itself on the way out.
 */
public final class MerchantGuard {
  private MerchantGuard() {
  }

  /**
   * @return the body with {@code merchant_id} set to the tenant's (bodies only; reads have none)
   * @throws GatewayError FORBIDDEN when the header or body names another merchant
   */
  public static FormBody apply(Tenant tenant, String headerMerchantId, FormBody form, boolean hasBody) {
    if (namesAnother(tenant, headerMerchantId)) {
      throw forbidden("x-merchantid");
    }
    for (String named : form.all(JuspayFields.MERCHANT_ID)) {
      if (namesAnother(tenant, named)) {
        throw forbidden(JuspayFields.MERCHANT_ID);
      }
    }
    return hasBody ? form.with(JuspayFields.MERCHANT_ID, tenant.merchantId()) : form;
  }

  /**
   * An empty or blank id names no merchant: it counts as absent. Juspay's Java SDK sends an empty
   * {@code x-merchantid} on every call when the merchant configured only the API key.
   */
  private static boolean namesAnother(Tenant tenant, String named) {
    return named != null && !named.isBlank() && !named.equals(tenant.merchantId());
  }

  private static GatewayError forbidden(String field) {
    return GatewayError.of(ErrorCode.FORBIDDEN, "This key may not act for that merchant")
        .withField(field, "must be the merchant this key belongs to");
  }
}
