package com.edgepay.gateway.secrets;

import static com.edgepay.gateway.support.GatewayFixture.ACME_KEY;
import static com.edgepay.gateway.support.GatewayFixture.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.edgepay.gateway.support.GatewayFixture;
import com.edgepay.gateway.support.RecordingUpstream;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Juspay keys rotate without a restart, within 2 s, with production's 1 s poll, and no request
 * fails while the files move.
 */
@ExtendWith(VertxExtension.class)
class KeyRotationTest {
  private static final String NEW_KEY = "JP_ACME_SECRET_2";
  private static final long WITHIN_MS = 2_000;

  @Test
  void rewriteOfTheKeyFileTakesEffect(Vertx vertx, VertxTestContext ctx) throws Exception {
    Path secrets = GatewayFixture.writeSecrets();
    startWith(vertx, secrets).compose(setup -> {
      try {
        GatewayFixture.writeKey(secrets, "acme", NEW_KEY + "\n");
      } catch (IOException e) {
        return Future.failedFuture(e);
      }
      return untilUpstreamSees(vertx, setup, basic(NEW_KEY), System.nanoTime());
    }).onComplete(ctx.succeeding(failed -> ctx.verify(() -> {
      assertEquals(0, failed, "no request may fail during a rotation");
      ctx.completeNow();
    })));
  }

  @Test
  void kubeletDataSymlinkSwapTakesEffect(Vertx vertx, VertxTestContext ctx) throws Exception {
    Path secrets = Files.createTempDirectory("gw-kubelet");
    Path acme = Files.createDirectories(secrets.resolve("acme"));
    kubeletWrite(acme, "..2026_11_22_10_00_00.1", GatewayFixture.ACME_JUSPAY_KEY);
    Files.createSymbolicLink(acme.resolve("..data"), Path.of("..2026_11_22_10_00_00.1"));
    Files.createSymbolicLink(acme.resolve("juspay_api_key"), Path.of("..data/juspay_api_key"));
    GatewayFixture.writeKey(secrets, "globex", GatewayFixture.GLOBEX_JUSPAY_KEY);
    Files.writeString(secrets.resolve(com.edgepay.gateway.crypto.SealingKeys.FILE_NAME),
        com.edgepay.gateway.crypto.SealingKeys.generate("k"));

    startWith(vertx, secrets).compose(setup -> {
      try {
        // What the kubelet does: a new timestamped dir, a temp link to it, an atomic rename over ..data.
        kubeletWrite(acme, "..2026_11_22_10_05_00.2", NEW_KEY);
        Files.createSymbolicLink(acme.resolve("..data_tmp"), Path.of("..2026_11_22_10_05_00.2"));
        Files.move(acme.resolve("..data_tmp"), acme.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
        Files.delete(acme.resolve("..2026_11_22_10_00_00.1").resolve("juspay_api_key"));
        Files.delete(acme.resolve("..2026_11_22_10_00_00.1"));
      } catch (IOException e) {
        return Future.failedFuture(e);
      }
      return untilUpstreamSees(vertx, setup, basic(NEW_KEY), System.nanoTime());
    }).onComplete(ctx.succeeding(failed -> ctx.verify(() -> {
      assertEquals(0, failed);
      ctx.completeNow();
    })));
  }

  @Test
  void aVanishedKeyFileKeepsTheLastGoodKey(Vertx vertx, VertxTestContext ctx) throws Exception {
    Path secrets = GatewayFixture.writeSecrets();
    startWith(vertx, secrets).compose(setup -> {
      try {
        Files.delete(secrets.resolve("acme").resolve("juspay_api_key"));
      } catch (IOException e) {
        return Future.failedFuture(e);
      }
      return vertx.timer(1_500).compose(t -> setup.gw.request(io.vertx.core.http.HttpMethod.GET, "/orders/o_k", ACME_KEY)
          .send().map(response -> {
            ctx.verify(() -> {
              assertEquals(200, response.statusCode());
              assertEquals(basic(GatewayFixture.ACME_JUSPAY_KEY), setup.upstream.last().headers().get("authorization"));
            });
            return response;
          }));
    }).onComplete(ctx.succeeding(r -> ctx.completeNow()));
  }

  /**
   * Whatever stands in place of a key file (a FIFO, a file over the cap, a directory, an empty
   * file), the tenant keeps its last good key and the secrets worker keeps working: a FIFO that hung
   * it would freeze every later rotation, so another tenant's rotation must still land within 2 s.
   */
  @Test
  void unusableKeyFilesKeepTheLastGoodKeyAndNeverStallTheWorker(Vertx vertx, VertxTestContext ctx) throws Exception {
    Path secrets = GatewayFixture.writeSecrets();
    Path acmeKey = secrets.resolve("acme").resolve("juspay_api_key");
    List<ThrowingStep> badStates = List.of(
        () -> KeyFileTest.mkfifo(acmeKey),
        () -> Files.writeString(acmeKey, "k".repeat(KeyFile.MAX_BYTES + 1)),
        () -> Files.createDirectories(acmeKey),
        () -> Files.writeString(acmeKey, ""));
    startWith(vertx, secrets).compose(setup -> {
      Future<Void> chain = Future.succeededFuture();
      for (ThrowingStep bad : badStates) {
        chain = chain.compose(v -> {
          try {
            if (Files.isDirectory(acmeKey, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
              Files.delete(acmeKey);
            } else {
              Files.deleteIfExists(acmeKey);
            }
            bad.run();
          } catch (Exception e) {
            return Future.failedFuture(e);
          }
          // More than one safety poll (1 s) and a watch event have passed over the bad file.
          return vertx.timer(1_200).compose(t -> setup.gw.request(io.vertx.core.http.HttpMethod.GET, "/orders/o_bad",
              ACME_KEY).send()).map(response -> {
                ctx.verify(() -> {
                  assertEquals(200, response.statusCode());
                  assertEquals(basic(GatewayFixture.ACME_JUSPAY_KEY), setup.upstream.last().headers().get("authorization"),
                      "the last good key is kept");
                });
                return null;
              });
        });
      }
      return chain.compose(v -> {
        try {
          GatewayFixture.writeKey(secrets, "globex", "JP_GLOBEX_SECRET_2");
        } catch (IOException e) {
          return Future.failedFuture(e);
        }
        return untilUpstreamSees(vertx, setup, GatewayFixture.GLOBEX_KEY, basic("JP_GLOBEX_SECRET_2"), System.nanoTime());
      });
    }).onComplete(ctx.succeeding(failed -> ctx.verify(() -> {
      assertEquals(0, failed);
      ctx.completeNow();
    })));
  }

  private interface ThrowingStep {
    void run() throws Exception;
  }

  private record Setup(RecordingUpstream upstream, GatewayFixture gw) {
  }

  private static Future<Setup> startWith(Vertx vertx, Path secrets) {
    return RecordingUpstream.start(vertx).compose(upstream -> GatewayFixture.start(vertx, upstream.baseUrl(),
        config -> config.put("secrets", new JsonObject().put("dir", secrets.toString()).put("poll_ms", 1000)),
        tenants -> { }).map(gw -> new Setup(upstream, gw)));
  }

  /**
   * Sends a status call every 20 ms until the upstream sees {@code expected}, and fails if that
   * takes longer than the contract's 2 s. Completes with the number of calls that did not get 200.
   */
  private static Future<Integer> untilUpstreamSees(Vertx vertx, Setup setup, String expected, long since) {
    return untilUpstreamSees(vertx, setup, ACME_KEY, expected, since);
  }

  private static Future<Integer> untilUpstreamSees(Vertx vertx, Setup setup, String gatewayKey, String expected,
      long since) {
    Promise<Integer> done = Promise.promise();
    List<Integer> statuses = new ArrayList<>();
    vertx.setPeriodic(20, timer -> setup.gw.request(io.vertx.core.http.HttpMethod.GET, "/orders/o_rot", gatewayKey)
        .send().onComplete(ar -> {
          statuses.add(ar.succeeded() ? ar.result().statusCode() : -1);
          long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
          if (expected.equals(setup.upstream.last().headers().get("authorization"))) {
            vertx.cancelTimer(timer);
            done.tryComplete((int) statuses.stream().filter(s -> s != 200).count());
          } else if (elapsed > WITHIN_MS) {
            vertx.cancelTimer(timer);
            done.tryFail("new key not in use after " + elapsed + " ms");
          }
        }));
    return done.future();
  }

  private static void kubeletWrite(Path tenantDir, String version, String key) throws IOException {
    Path dir = Files.createDirectories(tenantDir.resolve(version));
    Files.writeString(dir.resolve("juspay_api_key"), key);
  }
}
