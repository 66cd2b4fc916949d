package com.edgepay.gateway.edge;

import static com.edgepay.gateway.support.GatewayFixture.ACME_JUSPAY_KEY;
import static com.edgepay.gateway.support.GatewayFixture.ACME_KEY;
import static com.edgepay.gateway.support.GatewayFixture.GLOBEX_JUSPAY_KEY;
import static com.edgepay.gateway.support.GatewayFixture.GLOBEX_KEY;
import static com.edgepay.gateway.support.GatewayFixture.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.edgepay.gateway.support.GatewayFixture;
import com.edgepay.gateway.support.RecordingUpstream;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What reaches Juspay, and what comes back, through a real gateway and an in-test upstream. */
@ExtendWith(VertxExtension.class)
class ForwardingTest {
  private RecordingUpstream upstream;
  private GatewayFixture gw;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    RecordingUpstream.start(vertx)
        .compose(u -> {
          upstream = u;
          return GatewayFixture.start(vertx, u.baseUrl());
        })
        .onComplete(ctx.succeeding(g -> {
          gw = g;
          ctx.completeNow();
        }));
  }

  private static MultiMap order(String orderId) {
    return MultiMap.caseInsensitiveMultiMap().add("order_id", orderId).add("amount", "100.00")
        .add("customer_id", "cust_1");
  }

  @Test
  void upstreamGetsExactlyTheContractHeaders(VertxTestContext ctx) {
    gw.post("/orders", ACME_KEY)
        .putHeader("x-request-id", "req-abc-123")
        .putHeader("version", "2023-06-30")
        .putHeader("x-custom", "not-for-juspay")
        .putHeader("Cookie", "session=1")
        .putHeader("Proxy-Authorization", "Basic c2VjcmV0")
        .putHeader("Keep-Alive", "timeout=5")
        .putHeader("TE", "trailers")
        .putHeader("Connection", "keep-alive, x-hop-secret")
        .putHeader("x-hop-secret", "must-not-pass")
        .sendForm(order("o_headers_1"))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertEquals(200, response.statusCode());
          MultiMap seen = upstream.last().headers();
          Set<String> names = new TreeSet<>();
          seen.names().forEach(n -> names.add(n.toLowerCase()));
          assertEquals(new TreeSet<>(List.of("authorization", "content-length", "content-type", "host", "version",
              "x-merchantid", "x-request-id", "x-routing-id")), names);
          assertEquals(basic(ACME_JUSPAY_KEY), seen.get("authorization"));
          assertEquals("acme_shop", seen.get("x-merchantid"));
          assertEquals("cust_1", seen.get("x-routing-id"));
          assertEquals("req-abc-123", seen.get("x-request-id"));
          assertEquals("2023-06-30", seen.get("version"));
          assertEquals("application/x-www-form-urlencoded", seen.get("content-type"));
          assertEquals("/orders", upstream.last().uri());
          ctx.completeNow();
        })));
  }

  @Test
  void headerNamedInConnectionIsHopByHopEvenWhenWhitelisted(VertxTestContext ctx) {
    gw.post("/orders", ACME_KEY)
        .putHeader("version", "2023-06-30")
        .putHeader("x-request-id", "req-hop-1")
        .putHeader("Connection", "version, x-request-id")
        .sendForm(order("o_hop_1"))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertEquals(200, response.statusCode());
          assertNull(upstream.last().headers().get("version"));
          assertFalse("req-hop-1".equals(upstream.last().headers().get("x-request-id")));
          assertTrue(RequestIds.isSane(upstream.last().headers().get("x-request-id")));
          ctx.completeNow();
        })));
  }

  @Test
  void replyIsRelayedWithOnlyWhitelistedHeaders(VertxTestContext ctx) {
    String body = "{\"status\":\"NEW\",\"order_id\":\"o_relay\",\"amount\":100}";
    upstream.behave((request, b) -> request.response().setStatusCode(201)
        .putHeader("content-type", "application/json;charset=UTF-8")
        .putHeader("Connection", "x-upstream-hop")
        .putHeader("x-upstream-hop", "1")
        .putHeader("Set-Cookie", "juspay_session=abc")
        .putHeader("x-internal-trace", "node-7")
        .end(body));
    gw.post("/orders", ACME_KEY).sendForm(order("o_relay"))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertEquals(201, response.statusCode());
          assertEquals(body, response.bodyAsString());
          assertEquals("application/json;charset=UTF-8", response.getHeader("content-type"));
          assertNotNull(response.getHeader("x-request-id"));
          assertEquals("cust_1", response.getHeader("x-routing-id"));
          assertNull(response.getHeader("x-upstream-hop"));
          assertNull(response.getHeader("set-cookie"));
          assertNull(response.getHeader("x-internal-trace"));
          ctx.completeNow();
        })));
  }

  @Test
  void upstreamErrorIsRelayedAsJuspayWroteIt(VertxTestContext ctx) {
    String body = "{\"status\":\"error\",\"error_code\":\"invalid_request\",\"error_message\":\"bad amount\"}";
    upstream.answer(400, "application/json", body);
    gw.post("/orders", ACME_KEY).sendForm(order("o_400"))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertEquals(400, response.statusCode());
          assertEquals(body, response.bodyAsString());
          ctx.completeNow();
        })));
  }

  @Test
  void tenantsNeverSeeEachOthersKeys(VertxTestContext ctx) {
    List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String key = i % 2 == 0 ? ACME_KEY : GLOBEX_KEY;
      calls.add(gw.post("/orders", key).putHeader("x-request-id", "iso-" + i).sendForm(order("o_iso_" + i)));
    }
    Future.all(calls).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      assertEquals(20, upstream.seen().size());
      for (RecordingUpstream.Seen seen : upstream.seen()) {
        int i = Integer.parseInt(seen.headers().get("x-request-id").substring(4));
        boolean acme = i % 2 == 0;
        assertEquals(basic(acme ? ACME_JUSPAY_KEY : GLOBEX_JUSPAY_KEY), seen.headers().get("authorization"));
        assertEquals(acme ? "acme_shop" : "globex_store", seen.headers().get("x-merchantid"));
        assertTrue(seen.body().contains("merchant_id=" + (acme ? "acme_shop" : "globex_store")));
      }
      ctx.completeNow();
    })));
  }

  @Test
  void jsonBodyBecomesAFormKeepingNumberText(VertxTestContext ctx) {
    JsonObject json = new JsonObject().put("order_id", "o_json_1").put("description", "two words")
        .put("options.get_client_auth_token", true);
    String raw = json.encode().replace("}", ",\"amount\":100.50}");
    gw.post("/orders", ACME_KEY).putHeader("content-type", "application/json").sendBuffer(Buffer.buffer(raw))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertEquals(200, response.statusCode());
          assertEquals("application/x-www-form-urlencoded", upstream.last().headers().get("content-type"));
          assertEquals("order_id=o_json_1&description=two+words&options.get_client_auth_token=true&amount=100.50"
              + "&merchant_id=acme_shop", upstream.last().body());
          ctx.completeNow();
        })));
  }

  @Test
  void nestedJsonIsRefusedListingEveryField(VertxTestContext ctx) {
    String raw = "{\"order_id\":\"o_nested\",\"metadata\":{\"a\":1},\"items\":[1,2],\"amount\":\"1\"}";
    gw.post("/orders", ACME_KEY).putHeader("content-type", "application/json").sendBuffer(Buffer.buffer(raw))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertEquals(400, response.statusCode());
          JsonObject error = response.bodyAsJsonObject();
          assertEquals("INVALID_PARAMETER", error.getString("error_code"));
          assertEquals(2, error.getJsonObject("error_info").getJsonArray("fields").size());
          assertTrue(upstream.seen().isEmpty());
          ctx.completeNow();
        })));
  }

  @Test
  void unsupportedMediaTypeAndOversizeBodiesNeverLeave(VertxTestContext ctx) {
    Future<HttpResponse<Buffer>> text = gw.post("/orders", ACME_KEY).putHeader("content-type", "text/plain")
        .sendBuffer(Buffer.buffer("order_id=o1&amount=1"));
    Future<HttpResponse<Buffer>> latin1 = gw.post("/orders", ACME_KEY)
        .putHeader("content-type", "application/x-www-form-urlencoded; charset=ISO-8859-1")
        .sendBuffer(Buffer.buffer("order_id=o1&amount=1"));
    Future<HttpResponse<Buffer>> big = gw.post("/orders", ACME_KEY)
        .putHeader("content-type", "application/x-www-form-urlencoded")
        .sendBuffer(Buffer.buffer("order_id=o1&udf6=" + "x".repeat(40_000)));
    Future.all(text, latin1, big).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      assertEquals(415, text.result().statusCode());
      assertEquals("UNSUPPORTED_MEDIA_TYPE", text.result().bodyAsJsonObject().getString("error_code"));
      assertEquals(415, latin1.result().statusCode());
      assertEquals(413, big.result().statusCode());
      assertEquals("PAYLOAD_TOO_LARGE", big.result().bodyAsJsonObject().getString("error_code"));
      assertTrue(upstream.seen().isEmpty());
      ctx.completeNow();
    })));
  }

  @Test
  void anotherMerchantsIdIsForbidden(VertxTestContext ctx) {
    Future<HttpResponse<Buffer>> header = gw.post("/orders", ACME_KEY).putHeader("x-merchantid", "globex_store")
        .sendForm(order("o_403_a"));
    Future<HttpResponse<Buffer>> body = gw.post("/txns", ACME_KEY)
        .sendForm(order("o_403_b").add("merchant_id", "globex_store").add("payment_method_type", "NB"));
    Future<HttpResponse<Buffer>> own = gw.post("/orders", ACME_KEY).putHeader("x-merchantid", "acme_shop")
        .sendForm(order("o_own").add("merchant_id", "acme_shop"));
    Future.all(header, body, own).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      assertEquals(403, header.result().statusCode());
      assertEquals("FORBIDDEN", header.result().bodyAsJsonObject().getString("error_code"));
      assertEquals(403, body.result().statusCode());
      assertEquals(200, own.result().statusCode());
      assertEquals(1, upstream.seen().size());
      ctx.completeNow();
    })));
  }

  @Test
  void pathComesFromTheTemplateAndTheQueryIsDropped(VertxTestContext ctx) {
    gw.request(HttpMethod.GET, "/orders/ord_77?options.add_full_gateway_response=true&x=../../admin", ACME_KEY)
        .send()
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertEquals(200, response.statusCode());
          assertEquals("GET", upstream.last().method());
          assertEquals("/orders/ord_77", upstream.last().uri());
          assertEquals("ord_77", upstream.last().headers().get("x-routing-id"));
          assertEquals("", upstream.last().body());
          ctx.completeNow();
        })));
  }
}
