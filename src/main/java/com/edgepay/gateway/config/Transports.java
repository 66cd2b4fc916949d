package com.edgepay.gateway.config;

import io.vertx.core.transport.Transport;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket transport under every event loop: Linux's epoll through Netty's native transport
 * when it loads (fewer syscalls and copies per request than the JDK's NIO selector), else NIO, said
 * once in the log. {@code -Dgateway.transport=nio|epoll|io_uring} forces one, for benchmarks.
 */
public final class Transports {
  private static final Logger LOG = LoggerFactory.getLogger(Transports.class);
  static final String PROPERTY = "gateway.transport";

  private Transports() {
  }

  public static Transport choose() {
    String forced = System.getProperty(PROPERTY);
    Transport wanted = forced == null ? Transport.EPOLL : byName(forced);
    if (wanted.available()) {
      return wanted;
    }
    LOG.atInfo().addKeyValue("wanted", wanted.name()).addKeyValue("cause", String.valueOf(wanted.unavailabilityCause()))
        .log("native transport unavailable; using NIO");
    return Transport.NIO;
  }

  private static Transport byName(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "nio" -> Transport.NIO;
      case "epoll" -> Transport.EPOLL;
      case "io_uring", "iouring" -> Transport.IO_URING;
      default -> throw new IllegalArgumentException(PROPERTY + " must be nio, epoll or io_uring, not " + name);
    };
  }
}
