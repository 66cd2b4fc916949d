package com.edgepay.gateway.overload;

import static com.edgepay.gateway.support.GatewayFixture.ACME_KEY;
import static com.edgepay.gateway.support.GatewayFixture.GLOBEX_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.edgepay.gateway.support.GatewayFixture;
import com.edgepay.gateway.support.RecordingUpstream;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Floods, pile-ups and a failing Juspay: who still gets served, and how the rest are told. */
@ExtendWith(VertxExtension.class)
class OverloadTest {
  private static MultiMap order(String id) {
    return MultiMap.caseInsensitiveMultiMap().add("order_id", id).add("amount", "1.00");
  }

  private static java.util.Map<Integer, Long> statuses(List<Future<HttpResponse<Buffer>>> calls) {
    return calls.stream().map(f -> f.result().statusCode())
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  @Test
  void aFloodingTenantIsLimitedAndTheOtherStillServed(Vertx vertx, VertxTestContext ctx) {
    RecordingUpstream.start(vertx).compose(u -> GatewayFixture.start(vertx, u.baseUrl(), config -> { },
            tenants -> tenants.getJsonObject(0).put("rate_limit", new JsonObject().put("per_second", 5).put("burst", 5))))
        .compose(gw -> {
          List<Future<HttpResponse<Buffer>>> flood = new ArrayList<>();
          List<Future<HttpResponse<Buffer>>> calm = new ArrayList<>();
          for (int i = 0; i < 40; i++) {
            flood.add(gw.post("/orders", ACME_KEY).sendForm(order("ord_flood_" + i)));
            if (i % 4 == 0) {
              calm.add(gw.post("/orders", GLOBEX_KEY).sendForm(order("ord_calm_" + i)));
            }
          }
          return Future.join(flood).compose(a -> Future.join(calm)).map(b -> List.of(flood, calm));
        })
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          var flood = statuses(both.get(0));
          var calm = statuses(both.get(1));
          assertTrue(flood.getOrDefault(429, 0L) >= 30, flood.toString());
          assertTrue(flood.getOrDefault(200, 0L) >= 5, flood.toString());
          assertEquals(java.util.Map.of(200, 10L), calm, "the other tenant is untouched");
          HttpResponse<Buffer> limited = both.get(0).stream().map(Future::result)
              .filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
          assertEquals("RATE_LIMITED", limited.bodyAsJsonObject().getString("error_code"));
          assertTrue(Long.parseLong(limited.getHeader("retry-after")) >= 1);
          assertEquals("5", limited.getHeader("RateLimit-Limit"));
          assertEquals("0", limited.getHeader("RateLimit-Remaining"));
          assertNotNull(limited.getHeader("RateLimit-Reset"));
          ctx.completeNow();
        })));
  }

  @Test
  void tooManyInFlightAreShedBeforeAnyWork(Vertx vertx, VertxTestContext ctx) {
    RecordingUpstream.start(vertx).compose(u -> {
      u.behave((request, body) -> vertx.setTimer(300, t -> RecordingUpstream.okJson(request, body)));
      // The replica's cap, not the tenant's share of it (by default half), is what this test is about.
      return GatewayFixture.start(vertx, u.baseUrl(), config -> config.getJsonObject("server").put("max_in_flight", 3),
          tenants -> tenants.getJsonObject(0).put("max_in_flight", 10)).map(gw -> new Object[] {u, gw});
    }).compose(pair -> {
      GatewayFixture gw = (GatewayFixture) pair[1];
      List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        calls.add(gw.request(io.vertx.core.http.HttpMethod.GET, "/orders/ord_shed_" + i, ACME_KEY).send());
      }
      return Future.join(calls).map(all -> calls);
    }).onComplete(ctx.succeeding(calls -> ctx.verify(() -> {
      var byStatus = statuses(calls);
      assertTrue(byStatus.getOrDefault(503, 0L) >= 1, byStatus.toString());
      assertTrue(byStatus.getOrDefault(200, 0L) >= 3, byStatus.toString());
      HttpResponse<Buffer> shed = calls.stream().map(Future::result).filter(r -> r.statusCode() == 503)
          .findFirst().orElseThrow();
      assertEquals("OVERLOADED", shed.bodyAsJsonObject().getString("error_code"));
      ctx.completeNow();
    })));
  }

  @Test
  void theCircuitOpensOnServerErrorsNeverOnClientErrorsAndRecovers(Vertx vertx, VertxTestContext ctx) {
    RecordingUpstream[] up = new RecordingUpstream[1];
    RecordingUpstream.start(vertx).compose(u -> {
      up[0] = u;
      return GatewayFixture.start(vertx, u.baseUrl(), config -> config.getJsonObject("upstream")
          .put("circuit", new JsonObject().put("max_failures", 3).put("reset_ms", 400)), tenants -> { });
    }).compose(gw -> {
      up[0].answer(400, "application/json", "{\"status\":\"error\"}");
      return sequence(gw, "ord_4xx_", 6).compose(r -> {
        ctx.verify(() -> assertEquals(6, up[0].seen().size(), "client errors never open the circuit: "
            + r.stream().map(x -> x.statusCode() + " " + x.bodyAsString()).toList()));
        up[0].answer(503, "application/json", "{\"status\":\"error\"}");
        return sequence(gw, "ord_5xx_", 5);
      }).compose(answers -> {
        ctx.verify(() -> {
          assertEquals(List.of(503, 503, 503, 503, 503), answers.stream().map(HttpResponse::statusCode).toList());
          assertEquals(9, up[0].seen().size(), "after 3 failures, calls stop reaching Juspay");
          assertEquals("OVERLOADED", answers.get(4).bodyAsJsonObject().getString("error_code"));
          assertEquals(1.0, gw.registry.find("gateway.circuit.state").tag("route", "/orders").gauge().value(),
              "the tenant's own circuit is open (one tenant failing does not open the route's)");
        });
        up[0].behave(RecordingUpstream::okJson);
        return vertx.timer(500);
      }).compose(t -> sequence(gw, "ord_ok_", 2)).map(answers -> {
        ctx.verify(() -> {
          assertEquals(List.of(200, 200), answers.stream().map(HttpResponse::statusCode).toList());
          assertEquals(0.0, gw.registry.find("gateway.circuit.state").tag("route", "/orders").gauge().value());
        });
        return answers;
      });
    }).onComplete(ctx.succeeding(r -> ctx.completeNow()));
  }

  /**
   * The attack the review found: one tenant sends calls with a 40 ms x-gateway-timeout-ms to a route
   * Juspay answers in 200 ms, and another floods calls Juspay answers 503. Neither opens anything for
   * the third tenant-free path: acme's own calls on the same route still go through.
   */
  @Test
  void noTenantsTrafficOpensTheCircuitForAnother(Vertx vertx, VertxTestContext ctx) {
    RecordingUpstream[] up = new RecordingUpstream[1];
    RecordingUpstream.start(vertx).compose(u -> {
      up[0] = u;
      u.behave((request, body) -> {
        if (request.path().contains("slow")) {
          vertx.setTimer(200, t -> RecordingUpstream.okJson(request, body));
        } else if (request.path().contains("boom")) {
          RecordingUpstream.respond(request.response(), 503, "{\"status\":\"error\"}");
        } else {
          RecordingUpstream.okJson(request, body);
        }
      });
      return GatewayFixture.start(vertx, u.baseUrl(), config -> config.getJsonObject("upstream")
          .put("circuit", new JsonObject().put("max_failures", 3).put("reset_ms", 5_000).put("min_tenants", 2)),
          tenants -> { });
    }).compose(gw -> {
      Future<List<HttpResponse<Buffer>>> shortened = Future.succeededFuture(new ArrayList<>());
      for (int i = 0; i < 25; i++) {
        shortened = shortened.compose(list -> gw.request(HttpMethod.GET, "/orders/slow_1", GLOBEX_KEY)
            .putHeader("x-gateway-timeout-ms", "40").send().map(r -> {
              list.add(r);
              return list;
            }));
      }
      return shortened.compose(timedOut -> {
        ctx.verify(() -> assertTrue(timedOut.stream().allMatch(r -> r.statusCode() == 504),
            "each of its own short deadlines passed: " + timedOut.stream().map(HttpResponse::statusCode).toList()));
        return gw.request(HttpMethod.GET, "/orders/slow_1", GLOBEX_KEY).send();
      }).compose(ownNormal -> {
        ctx.verify(() -> assertEquals(200, ownNormal.statusCode(), "its shortened timeouts did not even open its own"));
        Future<HttpResponse<Buffer>> failing = Future.succeededFuture();
        for (int i = 0; i < 6; i++) {
          failing = failing.compose(r -> gw.request(HttpMethod.GET, "/orders/boom_1", GLOBEX_KEY).send());
        }
        return failing;
      }).compose(last -> {
        ctx.verify(() -> assertEquals("OVERLOADED", last.bodyAsJsonObject().getString("error_code"),
            "its 503s opened its own circuit"));
        return gw.request(HttpMethod.GET, "/orders/ok_1", ACME_KEY).send();
      }).map(acme -> {
        ctx.verify(() -> assertEquals(200, acme.statusCode(), "another tenant's calls on the same route still go"));
        return acme;
      });
    }).onComplete(ctx.succeeding(r -> ctx.completeNow()));
  }

  /** Calls one after another, each with its own order id. */
  private static Future<List<HttpResponse<Buffer>>> sequence(GatewayFixture gw, String prefix, int n) {
    Future<List<HttpResponse<Buffer>>> chain = Future.succeededFuture(new ArrayList<>());
    for (int i = 0; i < n; i++) {
      String id = prefix + i;
      chain = chain.compose(list -> gw.post("/orders", ACME_KEY).sendForm(order(id)).map(r -> {
        list.add(r);
        return list;
      }));
    }
    return chain;
  }
}
