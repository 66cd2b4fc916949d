package com.edgepay.gateway.config;

import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.SSLEngineOptions;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS engine for the connections to Juspay and for the public listener: BoringSSL through
 * netty-tcnative when its native library loads (measured faster than the JDK's engine, see the
 * README's Performance section), else the JDK's, said once in the log. Session caching stays on,
 * so reconnects to Juspay resume instead of a full handshake. {@code -Dgateway.tls_engine=jdk|openssl}
 * forces one, for benchmarks.
 */
public final class TlsEngines {
  private static final Logger LOG = LoggerFactory.getLogger(TlsEngines.class);
  static final String PROPERTY = "gateway.tls_engine";

  private TlsEngines() {
  }

  public static SSLEngineOptions choose() {
    String forced = System.getProperty(PROPERTY);
    String wanted = forced == null ? "openssl" : forced.toLowerCase(Locale.ROOT);
    switch (wanted) {
      case "jdk":
        return new JdkSSLEngineOptions();
      case "openssl":
        if (OpenSSLEngineOptions.isAvailable()) {
          return new OpenSSLEngineOptions().setSessionCacheEnabled(true);
        }
        LOG.info("OpenSSL (netty-tcnative) unavailable; TLS uses the JDK's engine");
        return new JdkSSLEngineOptions();
      default:
        throw new IllegalArgumentException(PROPERTY + " must be jdk or openssl, not " + forced);
    }
  }
}
