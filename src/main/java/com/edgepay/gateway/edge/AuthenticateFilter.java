package com.edgepay.gateway.edge;

import com.edgepay.gateway.tenant.ClientCertificates;
import com.edgepay.gateway.tenant.TenantRegistry;
import io.vertx.core.http.HttpHeaders;

/** The gateway key names the tenant (401 otherwise); a tenant that pins client certificates needs one too. */
final class AuthenticateFilter implements Filter.OnHead {
  private final TenantRegistry tenants;

  AuthenticateFilter(TenantRegistry tenants) {
    this.tenants = tenants;
  }

  @Override
  public Outcome onRequest(Exchange ex) {
    ex.tenant = tenants.authenticate(ex.head.headers().get(HttpHeaders.AUTHORIZATION));
    ClientCertificates.check(ex.tenant, ex.head.sslSession());
    return null;
  }
}
