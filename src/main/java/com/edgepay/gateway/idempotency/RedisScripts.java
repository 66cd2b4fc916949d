package com.edgepay.gateway.idempotency;

import com.edgepay.gateway.config.RedisSettings;
import com.edgepay.gateway.metrics.GatewayMetrics;
import com.edgepay.gateway.secrets.StoreSecrets;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisCluster;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisRole;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scripts on Redis (standalone, sentinel or cluster; TLS with the server's name verified when
 * the URL says {@code rediss://}; AUTH from the secrets directory). One per event loop, so replies
 * arrive on the loop that asked; deadlines kept by one sweep ({@link CommandDeadlines}). Standalone
 * and Sentinel commands share one long-lived pipelined connection ({@link RedisLink}); a cluster,
 * and a run that waits for replicas, take the client's pooled connections. Every run is one EVALSHA; after a Redis
 * restart (scripts gone) the first run of each script falls back to EVAL, which reloads it. A run
 * that must be replicated is pipelined with {@code WAIT} on the same connection.
 */
final class RedisScripts implements ScriptRunner {
  private static final Logger LOG = LoggerFactory.getLogger(RedisScripts.class);
  private static final long WARM_UP_MS = 3_000;

  private final Redis redis;
  private final RedisLink link;
  private final CommandDeadlines deadlines;
  private final RedisSettings settings;
  private final GatewayMetrics metrics;
  private final StoreHealth health;

  /** @param poolName unique per client: Vert.x registers each pool's gauges under its name */
  RedisScripts(Vertx vertx, RedisSettings settings, StoreSecrets secrets, String poolName, GatewayMetrics metrics,
      StoreHealth health) {
    this.redis = Redis.createClient(vertx, options(settings, secrets).setPoolName(poolName));
    // A cluster client's connection opens node connections as slots move, which the link could not
    // watch or force-close: a cluster keeps the client's per-command pooled connections.
    this.link = settings.topology() == RedisSettings.Topology.CLUSTER ? null : new RedisLink(redis);
    this.deadlines = new CommandDeadlines(vertx, () -> {
      if (link != null) {
        link.stalled();
      }
    });
    this.settings = settings;
    this.metrics = metrics;
    this.health = health;
  }

  static RedisOptions options(RedisSettings s, StoreSecrets secrets) {
    NetClientOptions net = new NetClientOptions().setConnectTimeout(1000).setTcpNoDelay(true).setTcpKeepAlive(true);
    if (s.tls()) {
      // Vert.x verifies nothing unless told how: HTTPS rules (the name must be in the certificate).
      net.setSsl(true).setHostnameVerificationAlgorithm("HTTPS");
      if (s.caFile() != null) {
        net.setTrustOptions(new PemTrustOptions().addCertPath(s.caFile().toString()));
      }
    }
    RedisOptions o = new RedisOptions()
        .setType(RedisClientType.valueOf(s.topology().name()))
        .setEndpoints(s.endpoints())
        .setMaxPoolSize(s.poolSize())
        .setMaxPoolWaiting(s.maxWaiting())
        // One connection carries a loop's commands: it may hold what the whole pool could.
        .setMaxWaitingHandlers(s.maxWaiting() * 8 * s.poolSize())
        .setNetClientOptions(net);
    if (secrets.redisUser() != null) {
      o.setUser(secrets.redisUser());
    }
    if (secrets.redisPassword() != null) {
      o.setPassword(secrets.redisPassword());
    }
    if (s.topology() == RedisSettings.Topology.SENTINEL) {
      o.setMasterName(s.masterName()).setRole(RedisRole.MASTER);
    }
    return o;
  }

  @Override
  public Future<ScriptReply> run(LuaScript script, long timeoutMs, List<String> keys, List<Object> args,
      boolean replicated) {
    boolean waits = replicated && settings.minReplicaAcks() > 0;
    Future<ScriptReply> sent = send(script, Command.EVALSHA, script.sha1(), keys, args, waits).recover(failure -> {
      if (String.valueOf(failure.getMessage()).contains("NOSCRIPT")) {
        LOG.info("Redis lost the '{}' script; loading it again", script.name());
        return send(script, Command.EVAL, script.source(), keys, args, waits);
      }
      return Future.failedFuture(failure);
    });
    return timed(script.name(), sent, timeoutMs, link != null && !waits);
  }

  /** One script run; with {@code waits}, pipelined with WAIT on the same connection (a batch). */
  private Future<ScriptReply> send(LuaScript script, Command command, String body, List<String> keys, List<Object> args,
      boolean waits) {
    Request run = request(command, body, keys, args);
    if (!waits) {
      return sendOne(run).map(Reply::new);
    }
    // Redis reads nothing more from a connection while its WAIT waits: on the shared link one slow
    // replica would hold up every command of the loop, so a replicated run takes a pooled connection.
    Request wait = Request.cmd(Command.WAIT).arg(settings.minReplicaAcks()).arg(settings.replicaAckTimeoutMs());
    return redis.batch(List.of(run, wait)).map(replies -> new Reply(replies.get(0), replies.get(1).toInteger()));
  }

  @Override
  public Future<List<String>> evictionPolicies() {
    Request info = Request.cmd(Command.INFO).arg("memory");
    Future<List<Response>> replies = settings.topology() == RedisSettings.Topology.CLUSTER
        ? RedisCluster.create(redis).onAllMasterNodes(info)
        : sendOne(info).map(List::of);
    return replies.map(all -> all.stream().map(r -> policy(r.toString())).toList());
  }

  /** The maxmemory_policy line of an INFO memory answer. */
  static String policy(String info) {
    for (String line : info.split("\r?\n")) {
      if (line.startsWith("maxmemory_policy:")) {
        return line.substring("maxmemory_policy:".length()).trim();
      }
    }
    return "unknown";
  }

  @Override
  public Future<Void> warmUp() {
    Future<?> loaded = sendOne(Request.cmd(Command.PING));
    for (LuaScript script : LuaScript.ALL) {
      // In a cluster this reaches one node; the others load on first use (NOSCRIPT, then EVAL).
      loaded = loaded.compose(r -> sendOne(Request.cmd(Command.SCRIPT).arg("LOAD").arg(script.source())));
    }
    return loaded.timeout(WARM_UP_MS, TimeUnit.MILLISECONDS)
        .onFailure(e -> LOG.warn("could not warm up Redis ({}); the first calls will pay for it", e.getClass().getSimpleName()))
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }

  @Override
  public Future<Void> ping() {
    return timed("ping", sendOne(Request.cmd(Command.PING)), settings.commandTimeoutMs(), link != null).mapEmpty();
  }

  @Override
  public Future<Void> close() {
    deadlines.stop();
    return link != null ? link.close() : redis.close();
  }

  /** The loop's link, or null for a cluster; for tests that look at its connection. */
  RedisLink link() {
    return link;
  }

  private Future<Response> sendOne(Request request) {
    return link != null ? link.send(request) : redis.send(request);
  }

  /** Arguments are strings, or a Buffer for binary values (sealed records). */
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

  private <T> Future<T> timed(String op, Future<T> call, long timeoutMs, boolean overLink) {
    long started = System.nanoTime();
    return deadlines.within(call, timeoutMs, overLink).andThen(done -> {
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

  /** A Redis reply read as a {@link ScriptReply}, with how many replicas acknowledged it (or -1: not asked). */
  private record Reply(Response response, int acks) implements ScriptReply {
    Reply(Response response) {
      this(response, -1);
    }

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

    @Override
    public int replicas() {
      return acks < 0 ? Integer.MAX_VALUE : acks;
    }
  }
}
