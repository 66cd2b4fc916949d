package com.edgepay.gateway.tenant;

import com.edgepay.gateway.api.ErrorCode;
import com.edgepay.gateway.api.GatewayError;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * mTLS as a second factor: a tenant that registered client certificates must present one of them
 * on the TLS connection, as well as its key. The TLS layer has already checked the chain against
 * the configured client CAs; this pins the exact certificate to the tenant.
 */
public final class ClientCertificates {
  private static final GatewayError REQUIRED = GatewayError.of(ErrorCode.UNAUTHORIZED,
      "This merchant's key must be used with its registered TLS client certificate");

  private ClientCertificates() {
  }

  /** @throws GatewayError UNAUTHORIZED when the tenant pins certificates and none of them was shown */
  public static void check(Tenant tenant, SSLSession session) {
    if (tenant.clientCertificates().isEmpty()) {
      return;
    }
    if (session == null) {
      throw REQUIRED;
    }
    byte[] presented;
    try {
      Certificate[] chain = session.getPeerCertificates();
      presented = KeyDigest.digestOf(chain[0].getEncoded());
    } catch (SSLPeerUnverifiedException | CertificateEncodingException noCertificate) {
      throw REQUIRED;
    }
    boolean match = false;
    for (KeyDigest pinned : tenant.clientCertificates()) {
      match |= pinned.matches(presented);
    }
    if (!match) {
      throw REQUIRED;
    }
  }
}
