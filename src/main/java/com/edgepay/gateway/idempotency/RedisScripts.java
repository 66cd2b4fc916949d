package com.edgepay.gateway.idempotency;

import com.edgepay.gateway.config.RedisSettings;
import com.edgepay.gateway.metrics.GatewayMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisRole;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scripts on Redis (standalone, sentinel or cluster). One per event loop, each with a small
 * pool, so replies arrive on the loop that asked. Every run is one EVALSHA; after a Redis restart
 * (scripts gone) the first run of each script falls back to EVAL, which reloads it.
 */
final class RedisScripts implements ScriptRunner {
  private static final Logger LOG = LoggerFactory.getLogger(RedisScripts.class);
  private static final long WARM_UP_MS = 3_000;

  private final Redis redis;
  private final long pingTimeoutMs;
  private final GatewayMetrics metrics;
  private final StoreHealth health;

  /** @param poolName unique per client: Vert.x registers each pool's gauges under its name */
  RedisScripts(Vertx vertx, RedisSettings settings, String poolName, GatewayMetrics metrics, StoreHealth health) {
    this.redis = Redis.createClient(vertx, options(settings).setPoolName(poolName));
    this.pingTimeoutMs = settings.commandTimeoutMs();
    this.metrics = metrics;
    this.health = health;
  }

  static RedisOptions options(RedisSettings s) {
    RedisOptions o = new RedisOptions()
        .setType(RedisClientType.valueOf(s.topology().name()))
        .setEndpoints(s.endpoints())
        .setMaxPoolSize(s.poolSize())
        .setMaxPoolWaiting(s.maxWaiting())
        .setMaxWaitingHandlers(s.maxWaiting() * 8)
        .setNetClientOptions(new NetClientOptions().setConnectTimeout(1000).setTcpNoDelay(true).setTcpKeepAlive(true));
    if (s.topology() == RedisSettings.Topology.SENTINEL) {
      o.setMasterName(s.masterName()).setRole(RedisRole.MASTER);
    }
    return o;
  }

  @Override
  public Future<ScriptReply> run(LuaScript script, long timeoutMs, List<String> keys, List<Object> args) {
    Future<Response> sent = redis.send(request(Command.EVALSHA, script.sha1(), keys, args)).recover(failure -> {
      if (String.valueOf(failure.getMessage()).startsWith("NOSCRIPT")) {
        LOG.info("Redis lost the '{}' script; loading it again", script.name());
        return redis.send(request(Command.EVAL, script.source(), keys, args));
      }
      return Future.failedFuture(failure);
    });
    return timed(script.name(), sent, timeoutMs).map(Reply::new);
  }

  @Override
  public Future<Void> warmUp() {
    Future<?> loaded = redis.send(Request.cmd(Command.PING));
    for (LuaScript script : LuaScript.ALL) {
      // In a cluster this reaches one node; the others load on first use (NOSCRIPT, then EVAL).
      loaded = loaded.compose(r -> redis.send(Request.cmd(Command.SCRIPT).arg("LOAD").arg(script.source())));
    }
    return loaded.timeout(WARM_UP_MS, TimeUnit.MILLISECONDS)
        .onFailure(e -> LOG.warn("could not warm up Redis ({}); the first calls will pay for it", e.getClass().getSimpleName()))
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }

  @Override
  public Future<Void> ping() {
    return timed("ping", redis.send(Request.cmd(Command.PING)), pingTimeoutMs).mapEmpty();
  }

  @Override
  public Future<Void> close() {
    return redis.close();
  }

  /** Arguments are strings, or a Buffer for a stored body (binary-safe). */
  private static Request request(Command command, String script, List<String> keys, List<Object> args) {
    Request request = Request.cmd(command).arg(script).arg(keys.size());
    for (String key : keys) {
      request.arg(key);
    }
    for (Object arg : args) {
      if (arg instanceof Buffer buffer) {
        request.arg(buffer);
      } else {
        request.arg((String) arg);
      }
    }
    return request;
  }

  private <T> Future<T> timed(String op, Future<T> call, long timeoutMs) {
    long started = System.nanoTime();
    return call.timeout(timeoutMs, TimeUnit.MILLISECONDS).andThen(done -> {
      metrics.redis(op, done.succeeded(), System.nanoTime() - started);
      if (done.succeeded()) {
        if (health.mark(true, "answering")) {
          LOG.info("Redis is answering again");
        }
      } else if (health.mark(false, done.cause().getClass().getSimpleName())) {
        LOG.warn("Redis is not answering ({}); money-moving calls get 503 until it does", health.detail());
      }
    });
  }

  /** A Redis reply read as a {@link ScriptReply}. */
  private record Reply(Response response) implements ScriptReply {
    @Override
    public int size() {
      return response.size();
    }

    @Override
    public String text(int i) {
      Response r = response.get(i);
      return r == null ? "" : r.toString();
    }

    @Override
    public Buffer bytes(int i) {
      Response r = response.get(i);
      return r == null ? Buffer.buffer() : r.toBuffer();
    }

    @Override
    public long number() {
      return response.toLong();
    }
  }
}
