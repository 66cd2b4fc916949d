package com.edgepay.gateway.simulator;

import static com.edgepay.gateway.simulator.SimHarness.MERCHANT;
import static com.edgepay.gateway.simulator.SimHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class SessionRouteTest {

  private SimHarness sim;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext tc) {
    SimHarness.start(vertx, LatencyMode.NONE).onComplete(tc.succeeding(h -> {
      sim = h;
      tc.completeNow();
    }));
  }

  @Test
  void sessionCreatesTheOrderAndAnswersTheSdkPayload(VertxTestContext tc) {
    JsonObject body = new JsonObject().put("order_id", "ord_sess").put("amount", "10.00")
        .put("customer_id", "cust_9").put("payment_page_client_id", "edgepay_client")
        .put("return_url", "https://shop.example/return");
    sim.request(HttpMethod.POST, "/session").sendJsonObject(body)
        .onComplete(tc.succeeding(r -> tc.verify(() -> {
          JsonObject session = json(r, 200);
          assertEquals("NEW", session.getString("status"));
          assertEquals("ord_sess", session.getString("order_id"));
          assertTrue(session.getString("id").startsWith("ordeu_"));
          JsonObject links = session.getJsonObject("payment_links");
          assertTrue(links.getString("web").contains(session.getString("id")));
          assertTrue(links.getString("expiry").endsWith("Z"));
          JsonObject sdk = session.getJsonObject("sdk_payload");
          assertEquals("in.juspay.hyperpay", sdk.getString("service"));
          assertTrue(sdk.getString("requestId").matches("[0-9a-f]{32}"));
          JsonObject payload = sdk.getJsonObject("payload");
          assertEquals("edgepay_client", payload.getString("clientId"));
          assertEquals("10.00", payload.getString("amount"));
          assertEquals(MERCHANT, payload.getString("merchantId"));
          assertEquals("ord_sess", payload.getString("orderId"));
          assertEquals("paymentPage", payload.getString("action"));
          assertTrue(payload.getString("clientAuthToken").startsWith("tkn_"));
          assertEquals(links.getString("expiry"), payload.getString("clientAuthTokenExpiry"));
          assertEquals("NEW", sim.state.order(MERCHANT, "ord_sess").orElseThrow().getString("status"));
          tc.completeNow();
        })));
  }

  @Test
  void sessionWithoutClientIdIs400(VertxTestContext tc) {
    sim.postForm("/session", "order_id", "ord_s2", "amount", "1")
        .onComplete(tc.succeeding(r -> tc.verify(() -> {
          JsonObject error = json(r, 400);
          assertEquals("payment_page_client_id", error.getJsonObject("error_info").getJsonArray("fields")
              .getJsonObject(0).getString("field_name"));
          assertTrue(sim.state.order(MERCHANT, "ord_s2").isEmpty());
          tc.completeNow();
        })));
  }
}
