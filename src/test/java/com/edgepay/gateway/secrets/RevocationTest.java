package com.edgepay.gateway.secrets;

import static com.edgepay.gateway.support.GatewayFixture.ACME_JUSPAY_KEY;
import static com.edgepay.gateway.support.GatewayFixture.ACME_KEY;
import static com.edgepay.gateway.support.GatewayFixture.GLOBEX_KEY;
import static com.edgepay.gateway.support.GatewayFixture.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.edgepay.gateway.support.Forms;
import com.edgepay.gateway.support.GatewayFixture;
import com.edgepay.gateway.support.RecordingUpstream;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The contract's revocation: a file named {@code revoked} beside a tenant's key file withdraws the
 * key from every event loop within 2 s; that tenant's calls get 503 with nothing sent (no call,
 * no claim); other tenants are untouched; removing the marker (with a good key file there) restores
 * the tenant within 2 s. Production's 1 s safety poll, two event loops, and a fresh connection per
 * request, so both loops' caches are asked.
 */
@ExtendWith(VertxExtension.class)
class RevocationTest {
  private static final long WITHIN_MS = 2_000;
  private static final String ACME_MERCHANT = "acme_shop";

  @Test
  void aRevokedMarkerWithdrawsTheKeyEverywhereAndItsRemovalRestoresIt(Vertx vertx, VertxTestContext ctx) {
    long[] markedAt = new long[1];
    int[] acmeCallsWhenWithdrawn = new int[1];
    start(vertx, null).compose(s -> s.send(HttpMethod.GET, "/orders/o_rev", ACME_KEY)
        .compose(before -> {
          ctx.verify(() -> assertEquals(200, before.statusCode()));
          markedAt[0] = System.nanoTime();
          write(s.secrets.resolve("acme").resolve("revoked"), "");
          return until(vertx, markedAt[0], () -> s.send(HttpMethod.GET, "/orders/o_rev", ACME_KEY),
              r -> r.statusCode() == 503, "every event loop answers 503 for the revoked tenant");
        })
        .compose(withdrawn -> {
          acmeCallsWhenWithdrawn[0] = s.acmeCalls();
          // A money call and a read, each refused with nothing sent: no call, no claim.
          return s.send(HttpMethod.POST, "/orders", ACME_KEY, Forms.of("order_id", "o_rev_new", "amount", "10.00"))
              .compose(order -> s.send(HttpMethod.GET, "/orders/o_rev", ACME_KEY).map(read -> {
                ctx.verify(() -> {
                  for (HttpResponse<Buffer> r : java.util.List.of(order, read)) {
                    assertEquals(503, r.statusCode(), r.bodyAsString());
                    JsonObject body = r.bodyAsJsonObject();
                    assertEquals("UPSTREAM_UNAVAILABLE", body.getString("error_code"));
                    assertTrue(body.getString("error_message").contains("withdrawn"), body.encode());
                    assertTrue(body.getString("error_message").contains("nothing was sent"), body.encode());
                    assertEquals("30", r.getHeader("Retry-After"));
                    assertTrue(!r.bodyAsString().contains(ACME_JUSPAY_KEY), "no key in an error body");
                  }
                  assertEquals(acmeCallsWhenWithdrawn[0], s.acmeCalls(), "nothing reached Juspay for the tenant");
                });
                return read;
              }));
        })
        .compose(v -> s.send(HttpMethod.GET, "/orders/o_glx", GLOBEX_KEY))
        .compose(globex -> {
          ctx.verify(() -> assertEquals(200, globex.statusCode(), "another tenant is untouched"));
          long unmarkedAt = System.nanoTime();
          delete(s.secrets.resolve("acme").resolve("revoked"));
          return until(vertx, unmarkedAt, () -> s.send(HttpMethod.GET, "/orders/o_rev", ACME_KEY),
              r -> r.statusCode() == 200 && basic(ACME_JUSPAY_KEY).equals(s.upstream.last().headers().get("authorization")),
              "every event loop sends with the key again");
        })
        // The money call refused while withdrawn left no claim: the same call now goes through.
        .compose(restored -> s.send(HttpMethod.POST, "/orders", ACME_KEY,
            Forms.of("order_id", "o_rev_new", "amount", "10.00")))
        .map(order -> {
          ctx.verify(() -> {
            assertEquals(200, order.statusCode(), order.bodyAsString());
            assertEquals("POST", s.upstream.last().method());
            assertEquals(basic(ACME_JUSPAY_KEY), s.upstream.last().headers().get("authorization"));
          });
          return order;
        }))
        .onComplete(ctx.succeeding(v -> ctx.completeNow()));
  }

  @Test
  void aTenantRevokedAtStartNeedsNoKeyFileAndComesBackWithOne(Vertx vertx, VertxTestContext ctx) {
    String newKey = "JP_ACME_AFTER_REVOKE";
    start(vertx, secrets -> {
      delete(secrets.resolve("acme").resolve("juspay_api_key"));
      write(secrets.resolve("acme").resolve("revoked"), "leaked 2026-11-22, ticket 123\n");
    }).compose(s -> s.send(HttpMethod.GET, "/orders/o_start", ACME_KEY)
        .compose(acme -> {
          ctx.verify(() -> {
            assertEquals(503, acme.statusCode());
            assertEquals("UPSTREAM_UNAVAILABLE", acme.bodyAsJsonObject().getString("error_code"));
            assertEquals(0, s.acmeCalls());
          });
          return s.send(HttpMethod.GET, "/orders/o_start", GLOBEX_KEY);
        })
        .compose(globex -> {
          ctx.verify(() -> assertEquals(200, globex.statusCode()));
          long at = System.nanoTime();
          // The marker goes first, the key a moment later: in between the tenant stays withdrawn.
          delete(s.secrets.resolve("acme").resolve("revoked"));
          return vertx.timer(300).compose(t -> s.send(HttpMethod.GET, "/orders/o_start", ACME_KEY)).compose(gap -> {
            ctx.verify(() -> {
              assertEquals(503, gap.statusCode(), "no marker but no key either: still withdrawn");
              assertEquals(0, s.acmeCalls());
            });
            write(s.secrets.resolve("acme").resolve("juspay_api_key"), newKey + "\n");
            return until(vertx, at, () -> s.send(HttpMethod.GET, "/orders/o_start", ACME_KEY),
                r -> r.statusCode() == 200 && basic(newKey).equals(s.upstream.last().headers().get("authorization")),
                "the new key is in use on every event loop");
          });
        }))
        .onComplete(ctx.succeeding(v -> ctx.completeNow()));
  }

  private record Setup(RecordingUpstream upstream, GatewayFixture gw, Path secrets, WebClient fresh) {
    /** One request on a new connection: connections are spread over the event loops. */
    Future<HttpResponse<Buffer>> send(HttpMethod method, String path, String key) {
      return fresh.request(method, path).putHeader("Authorization", basic(key)).send();
    }

    Future<HttpResponse<Buffer>> send(HttpMethod method, String path, String key, io.vertx.core.MultiMap form) {
      return fresh.request(method, path).putHeader("Authorization", basic(key)).sendForm(form);
    }

    int acmeCalls() {
      return (int) upstream.seen().stream().filter(c -> ACME_MERCHANT.equals(c.headers().get("x-merchantid"))).count();
    }
  }

  private static Future<Setup> start(Vertx vertx, java.util.function.Consumer<Path> prepare) {
    Path secrets = GatewayFixture.writeSecrets();
    if (prepare != null) {
      prepare.accept(secrets);
    }
    return RecordingUpstream.start(vertx).compose(upstream -> GatewayFixture.start(vertx, upstream.baseUrl(),
        config -> {
          config.getJsonObject("server").put("event_loops", 2);
          config.put("secrets", new JsonObject().put("dir", secrets.toString()).put("poll_ms", 1000));
        }, tenants -> { })
        .map(gw -> new Setup(upstream, gw, secrets, WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
            .setDefaultPort(gw.config.server().port()).setKeepAlive(false)))));
  }

  /**
   * Sends a request every 20 ms until 6 answers in a row (fresh connections, so both event loops
   * answer several times) pass {@code done}; fails if that takes longer than the contract's 2 s
   * from {@code since}.
   */
  private static Future<Void> until(Vertx vertx, long since, java.util.function.Supplier<Future<HttpResponse<Buffer>>> call,
      Predicate<HttpResponse<Buffer>> done, String what) {
    Promise<Void> result = Promise.promise();
    int[] inARow = {0};
    boolean[] busy = {false};
    vertx.setPeriodic(20, timer -> {
      if (busy[0]) {
        return;
      }
      busy[0] = true;
      call.get().onComplete(ar -> {
        busy[0] = false;
        inARow[0] = ar.succeeded() && done.test(ar.result()) ? inARow[0] + 1 : 0;
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
        if (inARow[0] >= 6) {
          vertx.cancelTimer(timer);
          result.tryComplete();
        } else if (elapsed > WITHIN_MS) {
          vertx.cancelTimer(timer);
          result.tryFail(what + ": not after " + elapsed + " ms");
        }
      });
    });
    return result.future();
  }

  private static void write(Path file, String content) {
    try {
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
