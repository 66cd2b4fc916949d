package com.edgepay.gateway.config;

import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.SSLEngineOptions;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS engine for the connections to Juspay and for the public listener: the JDK's by default,
 * because it measured faster than BoringSSL through netty-tcnative on the bench's TLS-upstream
 * setup (README, Performance). {@code -Dgateway.tls_engine=openssl} selects BoringSSL, which ships
 * in the jar for linux-x86_64; where its native library does not load, the JDK's engine is used and
 * the log says so. Session caching stays on either way, so reconnects to Juspay resume.
 */
public final class TlsEngines {
  private static final Logger LOG = LoggerFactory.getLogger(TlsEngines.class);
  static final String PROPERTY = "gateway.tls_engine";

  private TlsEngines() {
  }

  public static SSLEngineOptions choose() {
    String forced = System.getProperty(PROPERTY);
    String wanted = forced == null ? "jdk" : forced.toLowerCase(Locale.ROOT);
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
