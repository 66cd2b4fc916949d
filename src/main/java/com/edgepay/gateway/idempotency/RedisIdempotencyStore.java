package com.edgepay.gateway.idempotency;

import com.edgepay.gateway.config.IdempotencySettings;
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
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store on Redis (standalone, sentinel or cluster). One per event loop, each with a small
 * pool, so replies arrive on the loop that asked. Every call is one EVALSHA; after a Redis
 * restart (scripts gone) the first call of each script falls back to EVAL, which reloads it.
 */
public final class RedisIdempotencyStore implements IdempotencyStore {
  private static final Logger LOG = LoggerFactory.getLogger(RedisIdempotencyStore.class);
  private static final long WARM_UP_MS = 3_000;
  private static final long SETTLE_TIMEOUT_FLOOR_MS = 1_000;

  private final Redis redis;
  private final IdempotencySettings settings;
  private final long commandTimeoutMs;
  private final long settleTimeoutMs;
  private final GatewayMetrics metrics;
  private final StoreHealth health;

  public RedisIdempotencyStore(Vertx vertx, RedisSettings redisSettings, IdempotencySettings settings,
      GatewayMetrics metrics, StoreHealth health) {
    this.redis = Redis.createClient(vertx, options(redisSettings));
    this.settings = settings;
    this.commandTimeoutMs = redisSettings.commandTimeoutMs();
    this.settleTimeoutMs = Math.max(SETTLE_TIMEOUT_FLOOR_MS, 10 * commandTimeoutMs);
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
        .setPoolName("gateway-redis")
        .setNetClientOptions(new NetClientOptions().setConnectTimeout(1000).setTcpNoDelay(true).setTcpKeepAlive(true));
    if (s.topology() == RedisSettings.Topology.SENTINEL) {
      o.setMasterName(s.masterName()).setRole(RedisRole.MASTER);
    }
    return o;
  }

  @Override
  public Future<ClaimResult> claim(ClaimPlan p) {
    return eval(LuaScript.CLAIM, commandTimeoutMs, new String[] {p.recordKey(), p.lockKey(), p.orderBindingKey(), p.customerBindingKey()},
        p.owner(), p.fingerprint(), p.header(), p.derived(), p.policy().name().toLowerCase(),
        Long.toString(p.claimMs()), Long.toString(settings.unknownQuarantineMs()),
        Long.toString(settings.routingTtlMs()), p.reuseIsError() ? "1" : "0")
        .map(RedisIdempotencyStore::claimResult);
  }

  @Override
  public Future<ClaimResult> checkRouting(RoutingCheck c) {
    return eval(LuaScript.CHECK_ROUTING, commandTimeoutMs, new String[] {c.orderBindingKey(), c.customerBindingKey()},
        c.header(), c.derived(), c.policy().name().toLowerCase())
        .map(r -> "1".equals(r.get(2).toString())
            ? new ClaimResult.Granted(r.get(0).toString(), r.get(1).toString())
            : new ClaimResult.RoutingRefused(r.get(1).toString()));
  }

  /**
   * Settling happens after the client has its answer, so it can afford to wait and retry: giving
   * up would leave a call that succeeded reading as UNKNOWN until its quarantine ends.
   */
  @Override
  public Future<Boolean> settle(SettleRequest s) {
    return settleOnce(s).recover(first -> settleOnce(s));
  }

  private Future<Boolean> settleOnce(SettleRequest s) {
    StoredReply reply = s.reply();
    long keep = switch (s.settlement()) {
      case COMPLETE -> settings.completedTtlMs();
      case UNKNOWN -> settings.unknownQuarantineMs();
      case RELEASE -> 0;
    };
    return eval(LuaScript.SETTLE, settleTimeoutMs, new String[] {s.recordKey(), s.lockKey(), s.txnBindingKey()},
        s.owner(), s.settlement().name().toLowerCase(), Long.toString(keep),
        reply == null ? "" : Integer.toString(reply.status()),
        reply == null || reply.contentType() == null ? "" : reply.contentType(),
        reply == null || reply.location() == null ? "" : reply.location(),
        reply == null ? Buffer.buffer() : reply.body(),
        s.txnRoutingId() == null ? "" : s.txnRoutingId(), Long.toString(settings.routingTtlMs()))
        .map(r -> r.toLong() == 1L);
  }

  @Override
  public Future<Void> warmUp() {
    Future<?> loaded = redis.send(Request.cmd(Command.PING));
    for (LuaScript script : new LuaScript[] {LuaScript.CLAIM, LuaScript.SETTLE, LuaScript.CHECK_ROUTING}) {
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
    return timed("ping", redis.send(Request.cmd(Command.PING)), commandTimeoutMs).mapEmpty();
  }

  @Override
  public Future<Void> close() {
    return redis.close();
  }

  /** EVALSHA, and EVAL once if Redis lost its script cache (a restart, a failover, SCRIPT FLUSH). */
  private Future<Response> eval(LuaScript script, long timeoutMs, String[] keys, Object... args) {
    Future<Response> sent = redis.send(request(Command.EVALSHA, script.sha1(), keys, args)).recover(failure -> {
      if (String.valueOf(failure.getMessage()).startsWith("NOSCRIPT")) {
        LOG.info("Redis lost the '{}' script; loading it again", script.name());
        return redis.send(request(Command.EVAL, script.source(), keys, args));
      }
      return Future.failedFuture(failure);
    });
    return timed(script.name(), sent, timeoutMs);
  }

  /** Arguments are strings, or a Buffer for a stored body (binary-safe). */
  private static Request request(Command command, String script, String[] keys, Object... args) {
    Request request = Request.cmd(command).arg(script).arg(keys.length);
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

  private static ClaimResult claimResult(Response r) {
    String outcome = r.get(0).toString();
    if (outcome.equals("refused")) {
      return new ClaimResult.RoutingRefused(r.get(1).toString());
    }
    String rid = r.get(1).toString();
    String routing = r.get(2).toString();
    return switch (outcome) {
      case "new" -> new ClaimResult.Granted(rid, routing);
      case "replay" -> new ClaimResult.Replay(rid, routing, new StoredReply(Integer.parseInt(r.get(3).toString()),
          emptyToNull(r.get(4).toString()), emptyToNull(r.get(5).toString()), r.get(6).toBuffer()));
      case "in_progress" -> new ClaimResult.InProgress(rid, routing, Long.parseLong(r.get(3).toString()));
      case "unknown" -> new ClaimResult.Unknown(rid, routing, Long.parseLong(r.get(3).toString()));
      case "key_reused" -> new ClaimResult.KeyReused(rid, routing);
      default -> throw new IllegalStateException("unexpected claim outcome " + outcome);
    };
  }

  private static String emptyToNull(String s) {
    return s.isEmpty() ? null : s;
  }
}
