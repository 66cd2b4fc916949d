package com.edgepay.gateway.edge;

import io.netty.channel.ChannelHandler;
import java.util.function.Supplier;

/**
 * The framing guard that the framing oracle tests run against, built as EdgeVerticle builds it
 * from the listener settings.
 */
final class GuardUnderTest {
  private static final com.edgepay.gateway.config.ServerSettings S = FramingHarness.SETTINGS;

  static final Supplier<ChannelHandler> FACTORY =
      () -> new FramingGuard(S.maxRequestLineBytes(), S.maxHeaderBytes(), S.headerTimeoutMs());

  /** The test-only guard made of the framer itself, which checks the harness and the framer. */
  static final Supplier<ChannelHandler> REFERENCE =
      () -> new ReferenceGuard(S.maxRequestLineBytes(), S.maxHeaderBytes());

  static String name() {
    return FACTORY.get().getClass().getSimpleName();
  }

  private GuardUnderTest() {
  }
}
