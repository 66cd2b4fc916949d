package com.edgepay.gateway.config;

import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.SSLEngineOptions;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS engine for each side, as measured on the bench (README, Performance): the public listener
 * uses BoringSSL through netty-tcnative (it shipped for linux-x86_64; per request 94 µs of CPU at
 * saturation against the JDK's 129, median of three runs each), the connections to Juspay the JDK's
 * engine (251 µs per request at 5k rps against BoringSSL's 281, and half its added latency at no
 * load). {@code -Dgateway.tls_engine=jdk|openssl} forces one engine on both sides. Where
 * BoringSSL's native library does not load, the JDK's engine is used and the log says so. Session
 * caching stays on either way, so reconnects to Juspay resume.
 */
public final class TlsEngines {
  private static final Logger LOG = LoggerFactory.getLogger(TlsEngines.class);
  static final String PROPERTY = "gateway.tls_engine";

  private TlsEngines() {
  }

  /** For the public listener: BoringSSL unless forced otherwise or unavailable. */
  public static SSLEngineOptions forListener() {
    return choose("openssl");
  }

  /** For the connections to Juspay: the JDK's unless forced otherwise. */
  public static SSLEngineOptions forUpstream() {
    return choose("jdk");
  }

  private static SSLEngineOptions choose(String fallback) {
    String forced = System.getProperty(PROPERTY);
    String wanted = forced == null ? fallback : forced.toLowerCase(Locale.ROOT);
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
