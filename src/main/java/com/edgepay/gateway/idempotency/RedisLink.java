package com.edgepay.gateway.idempotency;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.impl.RedisConnectionInternal;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One long-lived connection to Redis for an event loop's store, commands pipelined on it (sent
 * without waiting for earlier replies). No pool lease per command: {@code Redis.send} leases and
 * returns a pooled connection around every command, which cost more than the command. For a
 * cluster the connection is the client's routing one (a connection per master). A connection that
 * fails, ends, answers READONLY, or leaves a command unanswered past its deadline is closed; the
 * next command opens a new one, so a Sentinel failover or a restarted Redis is found again without
 * a restart. Commands written in one event-loop pass leave in one write ({@link LinkSocket}).
 */
final class RedisLink {
  private static final Logger LOG = LoggerFactory.getLogger(RedisLink.class);

  /** A refused connect is not retried for this long: while Redis is down, one try per pause, not per command. */
  static final long RECONNECT_PAUSE_NANOS = 100_000_000L;

  /** What the client fails a command with on a connection it knows is closed. */
  private static final String CLOSED = "Connection is closed";

  private final Redis client;
  private Future<RedisConnection> current;
  private long retryAt;

  RedisLink(Redis client) {
    this.client = client;
  }

  Future<Response> send(Request request) {
    Future<RedisConnection> c = connection();
    return watched(c.succeeded() ? c.result().send(request) : c.compose(open -> open.send(request)));
  }

  Future<List<Response>> batch(List<Request> requests) {
    Future<RedisConnection> c = connection();
    return watched(c.succeeded() ? c.result().batch(requests) : c.compose(open -> open.batch(requests)));
  }

  /**
   * READONLY: the connection reaches a replica, as after a failover that left it open (Sentinel
   * normally kills its clients); the next command must find the master again. A closed one is
   * replaced too.
   */
  private <T> Future<T> watched(Future<T> reply) {
    return reply.onFailure(e -> {
      String message = String.valueOf(e.getMessage());
      if (current == null || !current.succeeded()) {
        return;
      }
      if (message.startsWith("READONLY")) {
        LOG.warn("Redis answered READONLY: this connection reaches a replica; reconnecting");
        drop(current.result());
      } else if (message.equals(CLOSED)) {
        // A socket that closed without an end event (before its handlers were set) would otherwise
        // fail every command at once, never reaching a deadline.
        drop(current.result());
      }
    });
  }

  /** A command on this link went unanswered past its deadline: the connection may be stalled. */
  void stalled() {
    if (current != null && current.succeeded()) {
      LOG.warn("a Redis command went unanswered past its deadline; reconnecting");
      drop(current.result());
    }
  }

  Future<Void> close() {
    Future<RedisConnection> c = current;
    current = null;
    Future<Void> closed = c != null && c.succeeded() ? c.result().close() : Future.succeededFuture();
    return closed.otherwiseEmpty().compose(v -> client.close());
  }

  private Future<RedisConnection> connection() {
    if (current == null || current.failed() && System.nanoTime() - retryAt >= 0) {
      Future<RedisConnection> opening = client.connect();
      current = opening;
      opening.onSuccess(open -> {
        open.exceptionHandler(e -> drop(open));
        open.endHandler(v -> drop(open));
        try {
          LinkSocket.coalesceFlushes(LinkSocket.actual(open));
        } catch (RuntimeException closedMeanwhile) {
          // Its pipeline is gone: the socket closed before this callback, so no end event will come.
          drop(open);
        }
      }).onFailure(e -> retryAt = System.nanoTime() + RECONNECT_PAUSE_NANOS);
    }
    // Within the pause after a failed connect, commands fail at once with its cause.
    return current;
  }

  private void drop(RedisConnection connection) {
    if (current != null && current.succeeded() && current.result() == connection) {
      current = null;
    }
    RedisConnectionInternal actual = LinkSocket.actual(connection);
    if (actual != null) {
      // close() would hand a stalled socket back to the client's pool, and the next connect() could
      // lease it again; only the client's internal forceClose() shuts the socket.
      actual.forceClose();
    } else {
      connection.close();
    }
  }
}
