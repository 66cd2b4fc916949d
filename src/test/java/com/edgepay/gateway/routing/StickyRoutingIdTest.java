package com.edgepay.gateway.routing;

import static com.edgepay.gateway.support.GatewayFixture.ACME_KEY;
import static com.edgepay.gateway.support.GatewayFixture.GLOBEX_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.edgepay.gateway.support.Forms;
import com.edgepay.gateway.support.GatewayFixture;
import com.edgepay.gateway.support.RecordingUpstream;
import com.edgepay.gateway.tenant.KeyDigest;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One x-routing-id per customer and per order, for life: derive, bind, match, mismatch, rewrite, require. */
@ExtendWith(VertxExtension.class)
class StickyRoutingIdTest {
  private static final String STRICT_KEY = "gk_strict_0001";
  private RecordingUpstream upstream;
  private GatewayFixture gw;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    RecordingUpstream.start(vertx).compose(u -> {
      upstream = u;
      u.behave((request, body) -> request.response().putHeader("content-type", "application/json")
          .end("{\"status\":\"PENDING_VBV\",\"order_id\":\"x\",\"txn_uuid\":\"txnuuid_" + upstream.seen().size() + "\"}"));
      return GatewayFixture.start(vertx, u.baseUrl(), config -> {
        try {
          GatewayFixture.writeKey(java.nio.file.Path.of(config.getJsonObject("secrets").getString("dir")), "strict",
              "JP_STRICT_1");
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }, tenants -> {
        tenants.getJsonObject(1).put("routing_id_policy", "rewrite");
        tenants.add(new JsonObject().put("id", "strict").put("merchant_id", "strict_m")
            .put("routing_id_policy", "require").put("api_key_sha256", new JsonArray().add(KeyDigest.hexOf(STRICT_KEY))));
      });
    }).onComplete(ctx.succeeding(g -> {
      gw = g;
      ctx.completeNow();
    }));
  }

  private static MultiMap form(String... pairs) {
    return Forms.of(pairs);
  }

  private String seenRoutingId() {
    return upstream.last().headers().get("x-routing-id");
  }

  @Test
  void derivedFromTheCustomerThenStickyForTheOrdersReads(VertxTestContext ctx) {
    gw.post("/orders", ACME_KEY).sendForm(form("order_id", "ord_r1", "amount", "1", "customer_id", "cust_r1"))
        .compose(created -> {
          ctx.verify(() -> {
            assertEquals("cust_r1", seenRoutingId());
            assertEquals("cust_r1", created.getHeader("x-routing-id"));
          });
          // A status call names no customer: the order's binding supplies the id, not the order id.
          return gw.request(HttpMethod.GET, "/orders/ord_r1", ACME_KEY).send();
        })
        .compose(status -> {
          ctx.verify(() -> assertEquals("cust_r1", seenRoutingId()));
          return gw.request(HttpMethod.GET, "/orders/ord_r1", ACME_KEY).putHeader("x-routing-id", "cust_r1").send();
        })
        .compose(matched -> {
          ctx.verify(() -> assertEquals(200, matched.statusCode()));
          return gw.request(HttpMethod.GET, "/orders/ord_r1", ACME_KEY).putHeader("x-routing-id", "intruder").send();
        })
        .onComplete(ctx.succeeding(mismatch -> ctx.verify(() -> {
          assertEquals(409, mismatch.statusCode());
          JsonObject error = mismatch.bodyAsJsonObject();
          assertEquals("ROUTING_ID_MISMATCH", error.getString("error_code"));
          assertEquals("x-routing-id", error.getJsonObject("error_info").getJsonArray("fields").getJsonObject(0)
              .getString("field_name"));
          assertEquals(3, upstream.seen().size(), "the mismatched call was not forwarded");
          var counters = gw.registry.find("gateway.routing.id").counters();
          assertEquals(1.0, gw.registry.find("gateway.routing.id").tag("outcome", "mismatched").counter().count());
          assertEquals(true, counters.stream().anyMatch(c -> "derived".equals(c.getId().getTag("outcome"))));
          ctx.completeNow();
        })));
  }

  @Test
  void aCustomersBindingHoldsAcrossOrders(VertxTestContext ctx) {
    gw.post("/orders", ACME_KEY).putHeader("x-routing-id", "rid_alice")
        .sendForm(form("order_id", "ord_a1", "amount", "1", "customer_id", "alice"))
        .compose(first -> gw.post("/orders", ACME_KEY).putHeader("x-routing-id", "rid_other")
            .sendForm(form("order_id", "ord_a2", "amount", "1", "customer_id", "alice")))
        .compose(mismatch -> {
          ctx.verify(() -> assertEquals(409, mismatch.statusCode()));
          return gw.post("/orders", ACME_KEY).sendForm(form("order_id", "ord_a3", "amount", "1", "customer_id", "alice"));
        })
        .onComplete(ctx.succeeding(derived -> ctx.verify(() -> {
          assertEquals(200, derived.statusCode());
          assertEquals("rid_alice", seenRoutingId(), "without a header, alice's bound id is used");
          ctx.completeNow();
        })));
  }

  @Test
  void aRewriteTenantIsForwardedWithTheBoundId(VertxTestContext ctx) {
    gw.post("/orders", GLOBEX_KEY).sendForm(form("order_id", "ord_g1", "amount", "1", "customer_id", "bob"))
        .compose(r -> gw.post("/orders/ord_g1/refunds", GLOBEX_KEY).putHeader("x-routing-id", "not_bob")
            .sendForm(form("unique_request_id", "rf_g1", "amount", "1")))
        .onComplete(ctx.succeeding(refund -> ctx.verify(() -> {
          assertEquals(200, refund.statusCode());
          assertEquals("bob", seenRoutingId());
          assertEquals("bob", refund.getHeader("x-routing-id"));
          assertEquals(1.0, gw.registry.find("gateway.routing.id").tag("outcome", "rewritten").counter().count());
          ctx.completeNow();
        })));
  }

  @Test
  void aRequireTenantMustSendTheHeader(VertxTestContext ctx) {
    gw.post("/orders", STRICT_KEY).sendForm(form("order_id", "ord_s1", "amount", "1", "customer_id", "carol"))
        .compose(missing -> {
          ctx.verify(() -> {
            assertEquals(400, missing.statusCode());
            JsonObject error = missing.bodyAsJsonObject();
            assertEquals("MISSING_MANDATORY_PARAMETER", error.getString("error_code"));
            assertEquals("x-routing-id", error.getJsonObject("error_info").getJsonArray("fields").getJsonObject(0)
                .getString("field_name"));
          });
          return gw.post("/orders", STRICT_KEY).putHeader("x-routing-id", "carol")
              .sendForm(form("order_id", "ord_s1", "amount", "1", "customer_id", "carol"));
        })
        .onComplete(ctx.succeeding(sent -> ctx.verify(() -> {
          assertEquals(200, sent.statusCode());
          assertEquals(1, upstream.seen().size());
          ctx.completeNow();
        })));
  }

  @Test
  void captureAndVoidAreCheckedAgainstTheirPaymentsBinding(VertxTestContext ctx) {
    gw.post("/txns", ACME_KEY).putHeader("x-routing-id", "cust_t1")
        .sendForm(form("order.order_id", "ord_t1", "order.amount", "5", "payment_method_type", "NB"))
        .compose(paid -> {
          String uuid = paid.bodyAsJsonObject().getString("txn_uuid");
          return gw.post("/v2/txns/" + uuid + "/capture", ACME_KEY).putHeader("x-routing-id", "cust_wrong").send()
              .compose(wrong -> {
                ctx.verify(() -> assertEquals(409, wrong.statusCode()));
                return gw.post("/v2/txns/" + uuid + "/capture", ACME_KEY).send();
              });
        })
        .onComplete(ctx.succeeding(captured -> ctx.verify(() -> {
          assertEquals(200, captured.statusCode());
          assertEquals("cust_t1", seenRoutingId());
          assertEquals(2, upstream.seen().size());
          ctx.completeNow();
        })));
  }
}
