package com.edgepay.gateway.idempotency;

import static com.edgepay.gateway.support.Calls.code;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.edgepay.gateway.support.Calls;
import com.edgepay.gateway.support.GatewayFixture;
import com.edgepay.gateway.support.Ports;
import com.edgepay.gateway.support.RecordingUpstream;
import com.edgepay.gateway.support.RedisServer;
import com.edgepay.gateway.support.TestCertificates;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * The store's own failures: Redis over TLS with its name checked and an ACL user, a Redis that may
 * evict records, and claims that must reach a replica before they count. Real redis-server
 * processes, real certificates (openssl), a real upstream.
 */
@ExtendWith(VertxExtension.class)
class DurableStoreTest {
  private final List<AutoCloseable> started = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : started) {
      c.close();
    }
  }

  private RedisServer redis(List<String> args, String adminPassword) {
    RedisServer server = RedisServer.start(args, adminPassword);
    started.add(server);
    return server;
  }

  private static Consumer<JsonObject> store(JsonObject redis, String user, String password) {
    return config -> {
      config.put("redis", redis);
      Path secrets = Path.of(config.getJsonObject("secrets").getString("dir"));
      try {
        if (user != null) {
          Files.writeString(secrets.resolve("redis.username"), user + "\n");
        }
        if (password != null) {
          Files.writeString(secrets.resolve("redis.password"), password + "\n");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  private static Future<Calls> gateway(Vertx vertx, RecordingUpstream up, Consumer<JsonObject> config) {
    return GatewayFixture.start(vertx, up.baseUrl(), config, t -> { }).map(gw -> new Calls(gw, GatewayFixture.ACME_KEY));
  }

  /** An ACL user that may touch the gateway's keys only; the default user needs a password too. */
  private static List<String> acl() {
    return List.of("--user", "default", "on", ">admin-pw", "~*", "&*", "+@all",
        "--user", "gw", "on", ">gw-pw", "~gw:*", "&*", "+@all");
  }

  @Test
  void rediss(Vertx vertx, VertxTestContext ctx) {
    TestCertificates certs = TestCertificates.issue("IP:127.0.0.1", "DNS:localhost");
    int tls = Ports.free();
    List<String> args = new ArrayList<>(certs.redisArgs(tls));
    args.addAll(acl());
    redis(args, "admin-pw");
    JsonObject store = new JsonObject().put("url", "rediss://127.0.0.1:" + tls).put("ca_file", certs.caCert().toString());
    RecordingUpstream.start(vertx)
        .compose(up -> gateway(vertx, up, store(store, "gw", "gw-pw"))
            .compose(acme -> acme.createOrder("o_tls").compose(first -> acme.createOrder("o_tls")))
            .map(replay -> {
              ctx.verify(() -> {
                assertEquals("true", replay.getHeader("Idempotent-Replayed"), "claimed and recorded over TLS, as gw");
                assertEquals(1, up.moneyCalls().size());
              });
              return up;
            }))
        .onComplete(ctx.succeeding(up -> ctx.completeNow()));
  }

  @Test
  void aRedisWhoseCertificateNamesAnotherHostOrAWrongPasswordSendsNothing(Vertx vertx, VertxTestContext ctx) {
    TestCertificates elsewhere = TestCertificates.issue("DNS:redis.other.example");
    int tls = Ports.free();
    List<String> args = new ArrayList<>(elsewhere.redisArgs(tls));
    args.addAll(acl());
    RedisServer server = redis(args, "admin-pw");
    JsonObject misnamed = new JsonObject().put("url", "rediss://127.0.0.1:" + tls)
        .put("ca_file", elsewhere.caCert().toString());
    JsonObject plain = new JsonObject().put("url", server.url());
    RecordingUpstream.start(vertx)
        .compose(up -> gateway(vertx, up, store(misnamed, "gw", "gw-pw"))
            .compose(acme -> acme.createOrder("o_misnamed"))
            .compose(refused -> {
              ctx.verify(() -> assertEquals("503 IDEMPOTENCY_STORE_UNAVAILABLE", code(refused),
                  "the certificate does not name 127.0.0.1: no connection, no claim"));
              return gateway(vertx, up, store(plain, "gw", "not-the-password"));
            })
            .compose(acme -> acme.createOrder("o_badpw"))
            .map(refused -> {
              ctx.verify(() -> {
                assertEquals("503 IDEMPOTENCY_STORE_UNAVAILABLE", code(refused));
                assertEquals(0, up.moneyCalls().size(), "nothing was sent without duplicate protection");
              });
              return up;
            }))
        .onComplete(ctx.succeeding(up -> ctx.completeNow()));
  }

  @Test
  void aRedisThatMayEvictRecordsStopsMoneyCallsAndReadiness(Vertx vertx, VertxTestContext ctx) {
    RedisServer lru = redis(List.of("--maxmemory", "64mb", "--maxmemory-policy", "allkeys-lru"), null);
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    root.addAppender(log);
    GatewayFixture[] gw = new GatewayFixture[1];
    RecordingUpstream.start(vertx)
        .compose(up -> GatewayFixture.start(vertx, up.baseUrl(), c -> c.put("redis", new JsonObject().put("url", lru.url())),
            t -> { }).map(g -> gw[0] = g))
        .compose(g -> new Calls(g, GatewayFixture.ACME_KEY).createOrder("o_lru"))
        .compose(refused -> {
          ctx.verify(() -> {
            assertEquals("503 IDEMPOTENCY_STORE_UNAVAILABLE", code(refused));
            assertTrue(refused.bodyAsJsonObject().getString("error_message").contains("allkeys-lru"));
            assertEquals(false, gw[0].gateway.readiness().ready(), "not ready while records may be evicted");
            assertEquals(0.0, gw[0].registry.find("gateway.redis.eviction.safe").gauge().value());
            assertTrue(log.list.stream().anyMatch(e -> e.getLevel() == Level.ERROR
                && e.getFormattedMessage().contains("allkeys-lru")), "an ERROR names the policy");
          });
          lru.command("CONFIG", "SET", "maxmemory-policy", "noeviction");
          return vertx.timer(2_500);
        })
        .compose(t -> new Calls(gw[0], GatewayFixture.ACME_KEY).createOrder("o_lru"))
        .onComplete(ctx.succeeding(ok -> ctx.verify(() -> {
          root.detachAppender(log);
          assertEquals(200, ok.statusCode(), code(ok));
          assertEquals(true, gw[0].gateway.readiness().ready());
          assertEquals(1.0, gw[0].registry.find("gateway.redis.eviction.safe").gauge().value());
          ctx.completeNow();
        })));
  }

  @Test
  void aClaimNoReplicaAcknowledgedIsGivenBackAndNothingIsSent(Vertx vertx, VertxTestContext ctx) {
    RedisServer master = redis(List.of(), null);
    RedisServer replica = redis(List.of("--replicaof", "127.0.0.1", Integer.toString(master.port())), null);
    awaitReplica(master);
    JsonObject store = new JsonObject().put("url", master.url()).put("min_replica_acks", 1)
        .put("replica_ack_timeout_ms", 100);
    RecordingUpstream.start(vertx)
        .compose(up -> gateway(vertx, up, c -> c.put("redis", store))
            .compose(acme -> acme.createOrder("o_acked").compose(acked -> {
              ctx.verify(() -> assertEquals(200, acked.statusCode(), "one replica holds the claim and the record"));
              replica.pause();
              return acme.createOrder("o_unacked");
            }).compose(unacked -> {
              ctx.verify(() -> {
                assertEquals("503 IDEMPOTENCY_STORE_UNAVAILABLE", code(unacked), "no replica: the claim does not count");
                assertEquals(1, up.moneyCalls().size(), "and nothing was sent");
              });
              replica.resume();
              awaitReplica(master);
              return acme.createOrder("o_unacked");
            }).map(retry -> {
              ctx.verify(() -> assertEquals(200, retry.statusCode(), "the unreplicated claim was given back"));
              return up;
            })))
        .onComplete(ctx.succeeding(up -> ctx.completeNow()));
  }

  @Test
  void fortyIdenticalCallsOnAJustStartedGatewayGetOnly200Or409(Vertx vertx, VertxTestContext ctx) {
    RedisServer fresh = redis(List.of(), null);
    RecordingUpstream.start(vertx).compose(up -> {
      up.behave((request, body) -> vertx.setTimer(50, t -> RecordingUpstream.okJson(request, body)));
      return gateway(vertx, up, c -> {
        // A command timeout far below what a burst on a fresh pool takes: the claim must wait on what is
        // left of the request's deadline instead, or this burst would be refused 503.
        c.put("redis", new JsonObject().put("url", fresh.url()).put("command_timeout_ms", 5).put("pool_size", 1));
        c.getJsonObject("server").put("event_loops", 2);
      }).compose(acme -> {
        List<Future<io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
          calls.add(acme.createOrder("o_cold"));
        }
        return Future.join(calls).map(all -> {
          ctx.verify(() -> {
            for (var call : calls) {
              int status = call.result().statusCode();
              assertTrue(status == 200 || status == 409, "a cold store answered " + code(call.result()));
            }
            assertEquals(1, up.moneyCalls().size());
          });
          return up;
        });
      });
    }).onComplete(ctx.succeeding(up -> ctx.completeNow()));
  }

  private static void awaitReplica(RedisServer master) {
    for (int i = 0; i < 200; i++) {
      if (master.command("INFO", "replication").contains("connected_slaves:1")
          && master.command("WAIT", "1", "100").equals(":1")) {
        return;
      }
      RedisServer.sleep(50);
    }
    throw new IllegalStateException("the replica never caught up");
  }
}
