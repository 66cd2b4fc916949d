package com.edgepay.gateway.edge;

import com.edgepay.gateway.config.TlsEngines;

import com.edgepay.gateway.config.ServerSettings;
import com.edgepay.gateway.config.TlsSettings;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.util.List;
import java.util.Set;

/** Listener settings for the public port: tight limits, no h2c upgrade, optional TLS 1.2+. */
final class PublicServerOptions {
  /** Forward-secret AEAD suites only; TLS 1.3 suites are always on in the JDK. */
  static final List<String> CIPHER_SUITES = List.of(
      "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  private PublicServerOptions() {
  }

  static HttpServerOptions from(ServerSettings s) {
    HttpServerOptions options = new HttpServerOptions()
        .setHost(s.host())
        .setPort(s.port())
        .setMaxHeaderSize(s.maxHeaderBytes())
        .setMaxInitialLineLength(s.maxRequestLineBytes())
        .setIdleTimeout(s.idleTimeoutSeconds())
        .setHandle100ContinueAutomatically(true)
        .setCompressionSupported(false)
        .setDecompressionSupported(false)
        .setHttp2ClearTextEnabled(false)
        .setTcpNoDelay(true);
    TlsSettings tls = s.tls();
    if (tls != null) {
      options.setSsl(true)
          .setSslEngineOptions(TlsEngines.forListener())
          .setKeyCertOptions(new PemKeyCertOptions()
              .setCertPath(tls.certFile().toString())
              .setKeyPath(tls.keyFile().toString()))
          .setEnabledSecureTransportProtocols(Set.of("TLSv1.2", "TLSv1.3"));
      CIPHER_SUITES.forEach(options::addEnabledCipherSuite);
      if (tls.clientCaFile() != null) {
        // Requested, not required: only tenants that registered a certificate must present one.
        options.setClientAuth(ClientAuth.REQUEST)
            .setTrustOptions(new PemTrustOptions().addCertPath(tls.clientCaFile().toString()));
      }
    }
    return options;
  }
}
