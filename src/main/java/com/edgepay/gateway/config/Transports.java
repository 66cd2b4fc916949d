package com.edgepay.gateway.config;

import io.vertx.core.transport.Transport;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket transport under every event loop, the first of these that loads: io_uring (measured
 * cheapest per request, see the README's Performance section), epoll (where io_uring is absent or
 * a container's seccomp profile forbids it, as Docker's and containerd's defaults do), then the
 * JDK's NIO; a fallback is said once in the log. {@code -Dgateway.transport=nio|epoll|io_uring}
 * asks for one (for benchmarks); if it does not load, NIO is used and the log says why.
 */
public final class Transports {
  private static final Logger LOG = LoggerFactory.getLogger(Transports.class);
  static final String PROPERTY = "gateway.transport";

  private Transports() {
  }

  public static Transport choose() {
    String forced = System.getProperty(PROPERTY);
    List<Transport> order = forced == null ? List.of(Transport.IO_URING, Transport.EPOLL) : List.of(byName(forced));
    for (Transport t : order) {
      if (t.available()) {
        return t;
      }
      LOG.atInfo().addKeyValue("transport", t.name()).addKeyValue("cause", String.valueOf(t.unavailabilityCause()))
          .log("native transport unavailable");
    }
    LOG.info("using the JDK's NIO transport");
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
