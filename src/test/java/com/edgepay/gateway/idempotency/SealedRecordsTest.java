package com.edgepay.gateway.idempotency;

import static com.edgepay.gateway.support.Calls.code;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.edgepay.gateway.support.Calls;
import com.edgepay.gateway.support.Forms;
import com.edgepay.gateway.support.GatewayFixture;
import com.edgepay.gateway.support.Juspay;
import com.edgepay.gateway.support.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Redis never holds a Juspay answer, token or id in clear: after a varied run every key and value
 * is read back and searched for what Juspay returned. And a record that fails to open (forged,
 * moved from another key) is never replayed.
 */
@ExtendWith(VertxExtension.class)
class SealedRecordsTest {
  private final RedisServer redis = RedisServer.start();

  @AfterEach
  void stop() {
    redis.close();
  }

  @Test
  void noJuspayAnswerTokenOrIdIsEverInRedisInClear(Vertx vertx, VertxTestContext ctx) {
    Set<String> secrets = new LinkedHashSet<>();
    Juspay.start(vertx).compose(juspay -> GatewayFixture.start(vertx, juspay.baseUrl(),
        c -> c.put("redis", new JsonObject().put("url", redis.url())), t -> { }))
        .compose(gw -> {
          Calls acme = new Calls(gw, GatewayFixture.ACME_KEY);
          return acme.post("/orders", Forms.of("order_id", "o_seal", "amount", "10.00", "customer_id", "c_seal",
                  "options.get_client_auth_token", "true"))
              .compose(order -> {
                JsonObject o = order.bodyAsJsonObject();
                secrets.add(o.getString("id"));
                secrets.add(o.getJsonObject("juspay").getString("client_auth_token"));
                o.getJsonObject("payment_links").forEach(link -> secrets.add(String.valueOf(link.getValue())));
                return acme.pay("o_seal", "NB_HDFC");
              })
              .compose(paid -> {
                JsonObject p = paid.bodyAsJsonObject();
                secrets.add(p.getString("txn_uuid"));
                secrets.add(p.getString("txn_id"));
                secrets.add(p.getJsonObject("payment").getJsonObject("authentication").getString("url"));
                return acme.post("/orders/o_seal/refunds", Forms.of("unique_request_id", "rf_seal", "amount", "1.00"));
              })
              .compose(refund -> {
                secrets.add(refund.bodyAsJsonObject().getJsonArray("refunds").getJsonObject(0).getString("id"));
                return dump(vertx, redis.url());
              });
        })
        .onComplete(ctx.succeeding(dump -> ctx.verify(() -> {
          assertTrue(secrets.size() >= 8, "the run produced Juspay data: " + secrets);
          assertTrue(dump.size() > 10, "Redis holds the run's records: " + dump.size());
          for (byte[] value : dump) {
            String text = new String(value, StandardCharsets.ISO_8859_1);
            for (String secret : secrets) {
              assertFalse(text.contains(secret), "Redis holds '" + secret + "' in clear");
            }
          }
          ctx.completeNow();
        })));
  }

  @Test
  void aRecordThatDoesNotOpenIsNeverReplayed(Vertx vertx, VertxTestContext ctx) {
    Juspay.start(vertx).compose(juspay -> GatewayFixture.start(vertx, juspay.baseUrl(),
        c -> c.put("redis", new JsonObject().put("url", redis.url())), t -> { }))
        .compose(gw -> {
          Calls acme = new Calls(gw, GatewayFixture.ACME_KEY);
          return acme.createOrder("o_real").compose(r -> acme.createOrder("o_moved")).compose(r -> {
            // A record moved to another key: the real answer for o_real, under o_moved's record.
            String real = redis.command("HGET", "gw:{acme}:idem:orders:o_real", "body");
            redis.command("HSET", "gw:{acme}:idem:orders:o_moved", "body", real);
            return acme.createOrder("o_moved");
          }).compose(moved -> {
            ctx.verify(() -> {
              assertEquals("409 OUTCOME_UNKNOWN", code(moved), "a moved record does not open under another key");
              assertEquals(null, moved.getHeader("Idempotent-Replayed"));
            });
            redis.command("HSET", "gw:{acme}:idem:orders:o_real", "body", "{\"status\":\"CHARGED\",\"forged\":true}");
            return acme.createOrder("o_real");
          });
        })
        .onComplete(ctx.succeeding(forged -> ctx.verify(() -> {
          assertEquals("409 OUTCOME_UNKNOWN", code(forged), "a forged record is never replayed as Juspay's answer");
          assertFalse(forged.bodyAsString().contains("forged"));
          ctx.completeNow();
        })));
  }

  /** Every key name and every value (strings, hash fields and values, set members) in the Redis. */
  private static Future<List<byte[]>> dump(Vertx vertx, String url) {
    Redis client = Redis.createClient(vertx, url);
    List<byte[]> out = new ArrayList<>();
    return client.send(Request.cmd(Command.KEYS).arg("*")).compose(keys -> {
      Future<Void> chain = Future.succeededFuture();
      for (Response key : keys) {
        String name = key.toString();
        out.add(name.getBytes(StandardCharsets.UTF_8));
        chain = chain.compose(v -> client.send(Request.cmd(Command.TYPE).arg(name))).compose(type -> {
          Request read = switch (type.toString()) {
            case "string" -> Request.cmd(Command.GET).arg(name);
            case "hash" -> Request.cmd(Command.HGETALL).arg(name);
            case "zset" -> Request.cmd(Command.ZRANGE).arg(name).arg(0).arg(-1);
            default -> Request.cmd(Command.DUMP).arg(name);
          };
          return client.send(read);
        }).map(value -> {
          collect(value, out);
          return null;
        });
      }
      return chain;
    }).map(v -> out).eventually(client::close);
  }

  private static void collect(Response value, List<byte[]> out) {
    if (value == null) {
      return;
    }
    if (value.type() == io.vertx.redis.client.ResponseType.MULTI) {
      if (value.getKeys() != null && !value.getKeys().isEmpty()) {
        for (String k : value.getKeys()) {
          out.add(k.getBytes(StandardCharsets.UTF_8));
          collect(value.get(k), out);
        }
      } else {
        value.forEach(item -> collect(item, out));
      }
      return;
    }
    try {
      out.add(value.toBuffer().getBytes());
    } catch (UnsupportedOperationException notBulk) {
      out.add(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
    }
  }
}
