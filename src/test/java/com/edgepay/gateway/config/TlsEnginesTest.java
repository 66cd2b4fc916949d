package com.edgepay.gateway.config;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class TlsEnginesTest {
  @AfterEach
  void clear() {
    System.clearProperty(TlsEngines.PROPERTY);
  }

  @Test
  void theJdksEngineIsTheUpstreamsDefault() {
    assertInstanceOf(JdkSSLEngineOptions.class, TlsEngines.forUpstream());
  }

  /** BoringSSL ships in the jar for linux-x86_64: there the listener uses it, and it loads when asked for. */
  @Test
  @EnabledOnOs(value = OS.LINUX, architectures = {"amd64", "x86_64"})
  void boringSslIsTheListenersDefaultAndLoadsWhenAskedFor() {
    assertInstanceOf(OpenSSLEngineOptions.class, TlsEngines.forListener());
    System.setProperty(TlsEngines.PROPERTY, "openssl");
    assertInstanceOf(OpenSSLEngineOptions.class, TlsEngines.forUpstream());
  }

  @Test
  void theJdkEngineCanBeForcedOnBothSidesAndANameThatIsNoneIsRefused() {
    System.setProperty(TlsEngines.PROPERTY, "jdk");
    assertInstanceOf(JdkSSLEngineOptions.class, TlsEngines.forListener());
    assertInstanceOf(JdkSSLEngineOptions.class, TlsEngines.forUpstream());
    System.setProperty(TlsEngines.PROPERTY, "schannel");
    assertThrows(IllegalArgumentException.class, TlsEngines::forListener);
  }
}
