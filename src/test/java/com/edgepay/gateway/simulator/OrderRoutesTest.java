package com.edgepay.gateway.simulator;

import static com.edgepay.gateway.simulator.SimHarness.MERCHANT;
import static com.edgepay.gateway.simulator.SimHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class OrderRoutesTest {

  private SimHarness sim;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext tc) {
    SimHarness.start(vertx, LatencyMode.NONE).onComplete(tc.succeeding(h -> {
      sim = h;
      tc.completeNow();
    }));
  }

  @Test
  void createOrderAnswersLikeJuspaysSampleWithAuthToken(VertxTestContext tc) {
    sim.createOrder("ord_1001", "100.00", "currency", "SGD", "customer_id", "cust_1",
            "customer_email", "c@example.com", "customer_phone", "9999999999", "udf3", "u3",
            "options.get_client_auth_token", "true")
        .onComplete(tc.succeeding(order -> tc.verify(() -> {
          assertEquals("NEW", order.getString("status"));
          assertEquals(10, order.getInteger("status_id"));
          assertTrue(order.getString("id").matches("ordeu_[0-9a-f]{32}"), order.getString("id"));
          assertEquals("ord_1001", order.getString("order_id"));
          assertEquals(MERCHANT, order.getString("merchant_id"));
          assertEquals(100.0, order.getDouble("amount"));
          assertEquals("SGD", order.getString("currency"));
          assertEquals("cust_1", order.getString("customer_id"));
          assertEquals("c@example.com", order.getString("customer_email"));
          assertEquals("9999999999", order.getString("customer_phone"));
          assertEquals("u3", order.getString("udf3"));
          assertEquals("", order.getString("udf10"));
          assertFalse(order.getBoolean("refunded"));
          assertEquals(0.0, order.getDouble("amount_refunded"));
          JsonObject links = order.getJsonObject("payment_links");
          assertTrue(links.getString("web").endsWith(order.getString("id")));
          assertTrue(links.getString("mobile").endsWith("?mobile=true"));
          assertTrue(links.getString("iframe").contains("/ipay/"));
          JsonObject juspay = order.getJsonObject("juspay");
          assertTrue(juspay.getString("client_auth_token").startsWith("tkn_"));
          assertTrue(juspay.getString("client_auth_token_expiry").endsWith("Z"));
          tc.completeNow();
        })));
  }

  @Test
  void createOrderWithoutTokenOptionHasNoJuspayBlockAndDefaultsToInr(VertxTestContext tc) {
    sim.createOrder("ord_1002", "1").onComplete(tc.succeeding(order -> tc.verify(() -> {
      assertNull(order.getValue("juspay"));
      assertEquals("INR", order.getString("currency"));
      tc.completeNow();
    })));
  }

  @Test
  void createOrderAcceptsAFlatJsonBody(VertxTestContext tc) {
    JsonObject body = new JsonObject().put("order_id", "ord_json").put("amount", "12.50")
        .put("options", new JsonObject().put("get_client_auth_token", true));
    sim.request(HttpMethod.POST, "/orders").sendJsonObject(body)
        .onComplete(tc.succeeding(r -> tc.verify(() -> {
          JsonObject order = json(r, 200);
          assertEquals(12.5, order.getDouble("amount"));
          assertTrue(order.containsKey("juspay"), "nested options flatten to options.get_client_auth_token");
          tc.completeNow();
        })));
  }

  @Test
  void creatingAnExistingOrderIdReturnsTheExistingOrder(VertxTestContext tc) {
    sim.createOrder("ord_dup", "10.00")
        .compose(first -> sim.createOrder("ord_dup", "99.00").map(second -> List.of(first, second)))
        .onComplete(tc.succeeding(both -> tc.verify(() -> {
          assertEquals(both.get(0).getString("id"), both.get(1).getString("id"));
          assertEquals(10.0, both.get(1).getDouble("amount"));
          tc.completeNow();
        })));
  }

  @Test
  void missingMandatoryFieldsAreListedEachInA400(VertxTestContext tc) {
    sim.postForm("/orders", "currency", "INR").onComplete(tc.succeeding(r -> tc.verify(() -> {
      JsonObject error = json(r, 400);
      assertEquals("error", error.getString("status"));
      assertEquals("MISSING_MANDATORY_PARAMETER", error.getString("error_code"));
      JsonObject info = error.getJsonObject("error_info");
      assertEquals("MISSING_MANDATORY_PARAMETER", info.getString("code"));
      assertEquals("USER_ERROR", info.getString("category"));
      assertTrue(info.getString("request_id").matches("[0-9a-f-]{36}"));
      JsonArray fields = info.getJsonArray("fields");
      assertEquals(List.of("order_id", "amount"),
          fields.stream().map(f -> ((JsonObject) f).getString("field_name")).toList());
      tc.completeNow();
    })));
  }

  @Test
  void anAmountWithThreeDecimalsIsInvalidInput(VertxTestContext tc) {
    sim.postForm("/orders", "order_id", "ord_bad", "amount", "1.234")
        .onComplete(tc.succeeding(r -> tc.verify(() -> {
          JsonObject error = json(r, 400);
          assertEquals("INVALID_INPUT", error.getJsonObject("error_info").getString("code"));
          assertEquals("amount", error.getJsonObject("error_info").getJsonArray("fields")
              .getJsonObject(0).getString("field_name"));
          assertTrue(sim.state.order(MERCHANT, "ord_bad").isEmpty());
          tc.completeNow();
        })));
  }

  @Test
  void noAuthorizationIs401InJuspaysShape(VertxTestContext tc) {
    sim.bare(HttpMethod.POST, "/orders").putHeader("x-merchantid", MERCHANT)
        .sendForm(SimHarness.form("order_id", "ord_noauth", "amount", "1"))
        .onComplete(tc.succeeding(r -> tc.verify(() -> {
          JsonObject error = json(r, 401);
          assertEquals("error", error.getString("status"));
          assertEquals("access_denied", error.getString("error_code"));
          assertEquals("USER_ERROR", error.getJsonObject("error_info").getString("category"));
          assertTrue(sim.state.order(MERCHANT, "ord_noauth").isEmpty());
          tc.completeNow();
        })));
  }

  @Test
  void emptyApiKeyOrMissingMerchantIs401(VertxTestContext tc) {
    sim.bare(HttpMethod.GET, "/orders/x").putHeader("Authorization", SimHarness.basicAuth(""))
        .putHeader("x-merchantid", MERCHANT).send()
        .compose(first -> sim.bare(HttpMethod.GET, "/orders/x")
            .putHeader("Authorization", SimHarness.basicAuth(SimHarness.API_KEY)).send()
            .map(second -> List.of(first.statusCode(), second.statusCode())))
        .onComplete(tc.succeeding(codes -> tc.verify(() -> {
          assertEquals(List.of(401, 401), codes);
          tc.completeNow();
        })));
  }

  @Test
  void statusOfAnUnknownOrderIs404(VertxTestContext tc) {
    sim.get("/orders/nope").onComplete(tc.succeeding(r -> tc.verify(() -> {
      JsonObject error = json(r, 404);
      assertEquals("NOT_FOUND", error.getJsonObject("error_info").getString("code"));
      tc.completeNow();
    })));
  }

  @Test
  void statusOfANewOrderShowsItWithAnEmptyRefundList(VertxTestContext tc) {
    sim.createOrder("ord_st", "5").compose(created -> sim.get("/orders/ord_st"))
        .onComplete(tc.succeeding(r -> tc.verify(() -> {
          JsonObject order = json(r, 200);
          assertEquals("NEW", order.getString("status"));
          assertEquals(5.0, order.getDouble("amount"));
          assertEquals(new JsonArray(), order.getJsonArray("refunds"));
          assertNull(order.getValue("txn_id"));
          tc.completeNow();
        })));
  }

  @Test
  void updateChangesTheAmountOfANewOrder(VertxTestContext tc) {
    sim.createOrder("ord_up", "5")
        .compose(created -> sim.postForm("/orders/ord_up", "amount", "7.25", "udf1", "changed"))
        .compose(r -> {
          assertEquals(7.25, json(r, 200).getDouble("amount"));
          return sim.get("/orders/ord_up");
        })
        .onComplete(tc.succeeding(r -> tc.verify(() -> {
          JsonObject order = json(r, 200);
          assertEquals(7.25, order.getDouble("amount"));
          assertEquals("changed", order.getString("udf1"));
          tc.completeNow();
        })));
  }

  @Test
  void updatingAnUnknownOrderIs404AndAPaidOrderIs400(VertxTestContext tc) {
    sim.postForm("/orders/ghost", "amount", "1")
        .compose(unknown -> {
          assertEquals(404, unknown.statusCode());
          return sim.createOrder("ord_paid", "3").compose(o -> sim.pay("ord_paid"));
        })
        .compose(paid -> sim.postForm("/orders/ord_paid", "amount", "4"))
        .onComplete(tc.succeeding(r -> tc.verify(() -> {
          assertEquals("INVALID_INPUT", json(r, 400).getJsonObject("error_info").getString("code"));
          tc.completeNow();
        })));
  }
}
