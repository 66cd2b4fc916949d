package com.edgepay.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.transport.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class TransportsTest {
  @AfterEach
  void clear() {
    System.clearProperty(Transports.PROPERTY);
  }

  /** The native libraries ship in the jar for linux-x86_64: there a native transport must load. */
  @Test
  @EnabledOnOs(value = OS.LINUX, architectures = {"amd64", "x86_64"})
  void aNativeTransportIsTheDefaultOnLinuxIoUringFirst() {
    Transport expected = Transport.IO_URING.available() ? Transport.IO_URING : Transport.EPOLL;
    assertEquals(expected, Transports.choose(), String.valueOf(Transport.EPOLL.unavailabilityCause()));
    assertTrue(Transport.EPOLL.available(), String.valueOf(Transport.EPOLL.unavailabilityCause()));
  }

  @Test
  void aForcedTransportIsUsedAndANameThatIsNoneIsRefused() {
    System.setProperty(Transports.PROPERTY, "nio");
    assertEquals(Transport.NIO, Transports.choose());
    System.setProperty(Transports.PROPERTY, "sctp");
    assertThrows(IllegalArgumentException.class, Transports::choose);
  }
}
