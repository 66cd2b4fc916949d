package com.edgepay.gateway.validation;

import static com.edgepay.gateway.support.GatewayFixture.ACME_KEY;
import static com.edgepay.gateway.support.GatewayFixture.GLOBEX_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.edgepay.gateway.support.GatewayFixture;
import com.edgepay.gateway.support.RecordingUpstream;
import com.edgepay.gateway.tenant.KeyDigest;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** enforce refuses at the edge, report forwards and counts, off stays out of the way. */
@ExtendWith(VertxExtension.class)
class ValidationModesTest {
  private static final String LAX_KEY = "gk_lax_0001";
  private static final String BAD_PAN = "4242424242424241";
  private static final String CVV = "12";
  private RecordingUpstream upstream;
  private GatewayFixture gw;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    RecordingUpstream.start(vertx).compose(u -> {
      upstream = u;
      return GatewayFixture.start(vertx, u.baseUrl(), config -> {
        try {
          GatewayFixture.writeKey(Path.of(config.getJsonObject("secrets").getString("dir")), "lax", "JP_LAX");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }, tenants -> {
        tenants.getJsonObject(1).put("validation_mode", "report");
        tenants.add(new JsonObject().put("id", "lax").put("merchant_id", "lax_m").put("validation_mode", "off")
            .put("api_key_sha256", new JsonArray().add(KeyDigest.hexOf(LAX_KEY))));
      });
    }).onComplete(ctx.succeeding(g -> {
      gw = g;
      ctx.completeNow();
    }));
  }

  private static MultiMap badCardPayment(String orderId) {
    return MultiMap.caseInsensitiveMultiMap().add("order_id", orderId).add("payment_method_type", "CARD")
        .add("card_number", BAD_PAN).add("card_exp_month", "13").add("card_exp_year", "29")
        .add("card_security_code", CVV).add("upi_vpa", "not-a-vpa");
  }

  @Test
  void enforceRefusesListingEveryFieldWithoutEchoingSecrets(VertxTestContext ctx) {
    gw.post("/txns", ACME_KEY).sendForm(badCardPayment("ord_v1")).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertEquals(400, r.statusCode());
      JsonObject error = r.bodyAsJsonObject();
      assertEquals("INVALID_PARAMETER", error.getString("error_code"));
      JsonArray fields = error.getJsonObject("error_info").getJsonArray("fields");
      assertEquals(4, fields.size(), fields.encode());
      String body = r.bodyAsString();
      assertFalse(body.contains(BAD_PAN) || body.contains("not-a-vpa") || body.contains("\"" + CVV + "\""), body);
      assertTrue(upstream.seen().isEmpty());
      assertEquals(1.0, gw.registry.find("gateway.validation").tags("route", "/txns", "field", "card_number",
          "outcome", "rejected").counter().count());
      ctx.completeNow();
    })));
  }

  @Test
  void aMissingMandatoryFieldIsNamed(VertxTestContext ctx) {
    gw.post("/orders", ACME_KEY).sendForm(MultiMap.caseInsensitiveMultiMap().add("order_id", "ord_v2"))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(400, r.statusCode());
          JsonObject error = r.bodyAsJsonObject();
          assertEquals("MISSING_MANDATORY_PARAMETER", error.getString("error_code"));
          assertEquals("amount", error.getJsonObject("error_info").getJsonArray("fields").getJsonObject(0)
              .getString("field_name"));
          ctx.completeNow();
        })));
  }

  @Test
  void aRefusedCallClaimsNothingSoTheFixedRetryGoesThrough(VertxTestContext ctx) {
    MultiMap bad = MultiMap.caseInsensitiveMultiMap().add("order_id", "ord_v3").add("amount", "1.234");
    MultiMap good = MultiMap.caseInsensitiveMultiMap().add("order_id", "ord_v3").add("amount", "1.23");
    gw.post("/orders", ACME_KEY).sendForm(bad)
        .compose(r -> gw.post("/orders", ACME_KEY).sendForm(good))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(200, r.statusCode());
          assertEquals(1, upstream.seen().size());
          ctx.completeNow();
        })));
  }

  @Test
  void reportForwardsAndCounts(VertxTestContext ctx) {
    gw.post("/txns", GLOBEX_KEY).sendForm(badCardPayment("ord_v4")).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertEquals(200, r.statusCode());
      assertEquals(1, upstream.seen().size());
      assertEquals(1.0, gw.registry.find("gateway.validation").tags("field", "card_exp_month", "outcome", "reported")
          .counter().count());
      ctx.completeNow();
    })));
  }

  @Test
  void offForwardsWithoutCounting(VertxTestContext ctx) {
    gw.post("/txns", LAX_KEY).sendForm(badCardPayment("ord_v5")).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertEquals(200, r.statusCode());
      assertNull(gw.registry.find("gateway.validation").counter());
      ctx.completeNow();
    })));
  }

  @Test
  void repeatedKeysMustAgree(VertxTestContext ctx) {
    String same = "order.order_id=ord_v6&order.amount=1&merchant_id=acme_shop&payment_method_type=UPI"
        + "&order.mandate.start_date=1698218211&order.mandate.start_date=1698218211";
    String differ = "order_id=ord_v7&amount=1&amount=2";
    gw.post("/txns", ACME_KEY).putHeader("content-type", "application/x-www-form-urlencoded")
        .sendBuffer(Buffer.buffer(same))
        .compose(ok -> {
          ctx.verify(() -> {
            assertEquals(200, ok.statusCode());
            String forwarded = upstream.last().body();
            assertEquals(forwarded.indexOf("order.mandate.start_date"), forwarded.lastIndexOf("order.mandate.start_date"));
          });
          return gw.post("/orders", ACME_KEY).putHeader("content-type", "application/x-www-form-urlencoded")
              .sendBuffer(Buffer.buffer(differ));
        })
        .onComplete(ctx.succeeding(refused -> ctx.verify(() -> {
          assertEquals(400, refused.statusCode());
          assertEquals("amount", refused.bodyAsJsonObject().getJsonObject("error_info").getJsonArray("fields")
              .getJsonObject(0).getString("field_name"));
          assertEquals(1, upstream.seen().size());
          ctx.completeNow();
        })));
  }
}
