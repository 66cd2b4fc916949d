package com.edgepay.gateway.idempotency;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.impl.PooledRedisConnection;
import io.vertx.redis.client.impl.RedisConnectionInternal;
import io.vertx.redis.client.impl.RedisStandaloneConnection;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket under a link's connection. vertx-redis-client keeps it private, and the link needs it
 * twice: to shut a stalled socket for good (its public close() hands the socket back to the pool,
 * where the next connect could lease it again), and to coalesce flushes (the client flushes every
 * command on its own, one write(2) per command). Looked up once
 * per connection, never per command; if a client upgrade renames the fields, the link still works,
 * without coalescing, and says so once ({@code LinkSocketTest} fails first).
 */
final class LinkSocket {
  private static final Logger LOG = LoggerFactory.getLogger(LinkSocket.class);
  /** Flushes past this many within one pass go out at once: bounds what one pass can hold back. */
  static final int MAX_HELD_FLUSHES = 256;
  private static final String HANDLER_NAME = "redis-flush-coalescing";
  private static final VarHandle NET_SOCKET = field(RedisStandaloneConnection.class, "netSocket",
      io.vertx.core.net.NetSocket.class);

  private LinkSocket() {
  }

  /**
   * The client's own connection under the pool's wrapper, or null for any other wrapper. Standalone
   * and Sentinel (without the client's auto-failover, which the gateway leaves off) both hand out
   * the pool's; a Sentinel auto-failover wrapper must be closed through itself, so it gets null.
   */
  static RedisConnectionInternal actual(RedisConnection connection) {
    return connection instanceof PooledRedisConnection pooled ? pooled.actual() : null;
  }

  /**
   * Commands written during one event-loop pass leave in one flush, run as a task once the pass's
   * reads are done (commands written while this link itself reads, as a reply's callback does,
   * leave one task later: Vert.x defers those to the end of the read). A pass that reads many
   * requests then makes one write(2) to Redis, not one per claim; a lone command waits only for the
   * rest of its pass.
   *
   * @return whether the connection now coalesces
   */
  static boolean coalesceFlushes(RedisConnectionInternal connection) {
    if (!(connection instanceof RedisStandaloneConnection) || NET_SOCKET == null) {
      return false;
    }
    if (!(NET_SOCKET.get(connection) instanceof NetSocketInternal socket)) {
      return false;
    }
    ChannelHandlerContext vertxHandler = socket.channelHandlerContext();
    if (vertxHandler.pipeline().get(HANDLER_NAME) == null) {
      // Before Vert.x's handler, so that its flushes pass through; after TLS, so that one TLS
      // record carries the pass's commands.
      vertxHandler.pipeline().addBefore(vertxHandler.name(), HANDLER_NAME,
          new FlushConsolidationHandler(MAX_HELD_FLUSHES, true));
    }
    return true;
  }

  private static VarHandle field(Class<?> owner, String name, Class<?> type) {
    try {
      return MethodHandles.privateLookupIn(owner, MethodHandles.lookup()).findVarHandle(owner, name, type);
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn("vertx-redis-client has no {}.{} ({}): Redis connections will flush per command and a "
          + "stalled one is closed rather than shut", owner.getSimpleName(), name, e.toString());
      return null;
    }
  }
}
