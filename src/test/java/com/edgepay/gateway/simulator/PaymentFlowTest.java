package com.edgepay.gateway.simulator;

import static com.edgepay.gateway.simulator.SimHarness.MERCHANT;
import static com.edgepay.gateway.simulator.SimHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class PaymentFlowTest {

  private SimHarness sim;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext tc) {
    SimHarness.start(vertx, LatencyMode.NONE).onComplete(tc.succeeding(h -> {
      sim = h;
      tc.completeNow();
    }));
  }

  @Test
  void txnsOnAnExistingOrderAnswersPendingVbvAndChargesTheOrder(VertxTestContext tc) {
    sim.createOrder("ord_pay", "250.00")
        .compose(o -> sim.pay("ord_pay"))
        .compose(txn -> {
          assertEquals("ord_pay", txn.getString("order_id"));
          assertEquals(MERCHANT + "-ord_pay-1", txn.getString("txn_id"));
          assertEquals("PENDING_VBV", txn.getString("status"));
          assertTrue(txn.getString("txn_uuid").matches("moz[A-Za-z0-9]{16}"));
          JsonObject auth = txn.getJsonObject("payment").getJsonObject("authentication");
          assertEquals("GET", auth.getString("method"));
          assertEquals("https://sandbox.juspay.in/v2/pay/start/" + MERCHANT + "/" + txn.getString("txn_uuid"),
              auth.getString("url"));
          assertNull(txn.getJsonObject("payment").getValue("sdk_params"));
          assertEquals(new JsonArray(), txn.getJsonObject("offer_details").getJsonArray("offers"));
          return sim.get("/orders/ord_pay").map(r -> json(r, 200).put("_uuid", txn.getString("txn_uuid")));
        })
        .onComplete(tc.succeeding(order -> tc.verify(() -> {
          assertEquals("CHARGED", order.getString("status"));
          assertEquals(21, order.getInteger("status_id"));
          assertEquals(MERCHANT + "-ord_pay-1", order.getString("txn_id"));
          assertEquals(order.getString("_uuid"), order.getString("txn_uuid"));
          tc.completeNow();
        })));
  }

  @Test
  void everyTxnsCallIsANewAttempt(VertxTestContext tc) {
    String[] orderPlusPayment = {"order.order_id", "ord_inline", "order.amount", "1.00",
        "merchant_id", MERCHANT, "payment_method_type", "NB", "payment_method", "NB_AXIS",
        "card_number", "4242424242424242", "card_security_code", "111"};
    sim.postForm("/txns", orderPlusPayment).map(r -> json(r, 200))
        .compose(first -> sim.postForm("/txns", orderPlusPayment).map(r -> List.of(first, json(r, 200))))
        .onComplete(tc.succeeding(both -> tc.verify(() -> {
          assertEquals(MERCHANT + "-ord_inline-1", both.get(0).getString("txn_id"));
          assertEquals(MERCHANT + "-ord_inline-2", both.get(1).getString("txn_id"));
          assertNotEquals(both.get(0).getString("txn_uuid"), both.get(1).getString("txn_uuid"));
          assertEquals("CHARGED", sim.state.order(MERCHANT, "ord_inline").orElseThrow().getString("status"));
          tc.completeNow();
        })));
  }

  @Test
  void upiIntentAnswersCarrySdkParamsAndTheAuthToken(VertxTestContext tc) {
    JsonObject body = new JsonObject().put("order.order_id", "ord_upi").put("order.amount", "1")
        .put("order.billing_address_first_name", "Juspay").put("merchant_id", MERCHANT)
        .put("payment_method_type", "UPI").put("payment_method", "UPI_PAY").put("sdk_params", "true")
        .put("order.options.get_client_auth_token", "true").put("format", "json");
    sim.request(HttpMethod.POST, "/txns").sendJsonObject(body)
        .onComplete(tc.succeeding(r -> tc.verify(() -> {
          JsonObject txn = json(r, 200);
          JsonObject sdk = txn.getJsonObject("payment").getJsonObject("sdk_params");
          assertEquals("1.00", sdk.getString("amount"));
          assertEquals("1.00", sdk.getString("mam"));
          assertEquals("INR", sdk.getString("currency"));
          assertEquals("Juspay", sdk.getString("customer_first_name"));
          assertTrue(sdk.getString("merchant_vpa").contains("@"));
          assertTrue(sdk.getString("pgIntentUrl").startsWith("upi://pay?am=1.00"));
          assertTrue(txn.getJsonObject("juspay").getString("client_auth_token").startsWith("tkn_"));
          tc.completeNow();
        })));
  }

  @Test
  void vpaVerificationAnswersValid(VertxTestContext tc) {
    sim.postForm("/txns", "vpa", "test123@upi", "merchant_id", MERCHANT)
        .onComplete(tc.succeeding(r -> tc.verify(() -> {
          JsonObject answer = json(r, 200);
          assertEquals("test123@upi", answer.getString("vpa"));
          assertEquals("VALID", answer.getString("status"));
          assertEquals("Simulated Customer", answer.getString("customer_name"));
          tc.completeNow();
        })));
  }

  @Test
  void txnsWithoutMandatoryFieldsIs400(VertxTestContext tc) {
    sim.postForm("/txns", "payment_method", "VISA").onComplete(tc.succeeding(r -> tc.verify(() -> {
      JsonArray fields = json(r, 400).getJsonObject("error_info").getJsonArray("fields");
      assertEquals(List.of("payment_method_type", "merchant_id", "order_id"),
          fields.stream().map(f -> ((JsonObject) f).getString("field_name")).toList());
      tc.completeNow();
    })));
  }

  @Test
  void txnsForAnUnknownOrderIs404(VertxTestContext tc) {
    sim.pay("ghost").onComplete(tc.failing(e -> tc.verify(() -> {
      assertTrue(e.getMessage().contains("404"), e.getMessage());
      tc.completeNow();
    })));
  }

  @Test
  void refundAppearsInTheOrdersRefundList(VertxTestContext tc) {
    sim.createOrder("ord_rf", "100.00").compose(o -> sim.pay("ord_rf"))
        .compose(t -> sim.postForm("/orders/ord_rf/refunds", "unique_request_id", "rf1", "amount", "40"))
        .compose(r -> {
          JsonObject order = json(r, 200);
          assertEquals(1, order.getJsonArray("refunds").size());
          return sim.get("/orders/ord_rf");
        })
        .onComplete(tc.succeeding(r -> tc.verify(() -> {
          JsonObject order = json(r, 200);
          assertEquals("CHARGED", order.getString("status"));
          assertTrue(order.getBoolean("refunded"));
          assertEquals(40.0, order.getDouble("amount_refunded"));
          JsonObject refund = order.getJsonArray("refunds").getJsonObject(0);
          assertEquals("rf1", refund.getString("unique_request_id"));
          assertEquals(40.0, refund.getDouble("amount"));
          assertEquals("PENDING", refund.getString("status"));
          assertTrue(refund.getString("id").startsWith("rfd_"));
          assertTrue(refund.getString("created").endsWith("Z"));
          tc.completeNow();
        })));
  }

  @Test
  void aReusedUniqueRequestIdIsDuplicateCall(VertxTestContext tc) {
    sim.createOrder("ord_dupr", "100").compose(o -> sim.pay("ord_dupr"))
        .compose(t -> refund("ord_dupr", "same_key", "10"))
        .compose(first -> refund("ord_dupr", "same_key", "10"))
        .onComplete(tc.succeeding(r -> tc.verify(() -> {
          assertEquals("duplicate.call", json(r, 400).getString("error_code"));
          assertEquals(1, sim.state.order(MERCHANT, "ord_dupr").orElseThrow()
              .getJsonArray("refunds").size());
          tc.completeNow();
        })));
  }

  @Test
  void refundsNeedAChargedOrderAMandatoryKeyAndARefundableAmount(VertxTestContext tc) {
    sim.createOrder("ord_rn", "10")
        .compose(o -> refund("ord_rn", "k1", "5"))
        .compose(notCharged -> {
          assertEquals("INVALID_INPUT", json(notCharged, 400).getJsonObject("error_info").getString("code"));
          return sim.pay("ord_rn").compose(t -> refund("ord_rn", "k1", "11"));
        })
        .compose(tooMuch -> {
          assertEquals("amount", json(tooMuch, 400).getJsonObject("error_info").getJsonArray("fields")
              .getJsonObject(0).getString("field_name"));
          return sim.postForm("/orders/ord_rn/refunds", "amount", "1");
        })
        .onComplete(tc.succeeding(r -> tc.verify(() -> {
          assertEquals("MISSING_MANDATORY_PARAMETER", json(r, 400).getString("error_code"));
          tc.completeNow();
        })));
  }

  @Test
  void preAuthEndsAuthorizedThenCaptureCharges(VertxTestContext tc) {
    sim.postForm("/txns", "order.order_id", "ord_pre", "order.amount", "80",
            "order.metadata.txns.auto_capture", "false", "merchant_id", MERCHANT,
            "payment_method_type", "CARD").map(r -> json(r, 200))
        .compose(txn -> {
          assertEquals("AUTHORIZED", sim.state.order(MERCHANT, "ord_pre").orElseThrow().getString("status"));
          assertEquals(25, sim.state.order(MERCHANT, "ord_pre").orElseThrow().getInteger("status_id"));
          return sim.postForm("/v2/txns/" + txn.getString("txn_uuid") + "/capture");
        })
        .compose(r -> {
          JsonObject captured = json(r, 200);
          assertEquals("CHARGED", captured.getString("status"));
          assertEquals("ord_pre", captured.getString("order_id"));
          return sim.get("/orders/ord_pre");
        })
        .onComplete(tc.succeeding(r -> tc.verify(() -> {
          assertEquals("CHARGED", json(r, 200).getString("status"));
          tc.completeNow();
        })));
  }

  @Test
  void voidMovesAnAuthorizedTxnToVoidedAndASecondVoidIs400(VertxTestContext tc) {
    sim.createOrder("ord_void", "30", "metadata.txns.auto_capture", "false")
        .compose(o -> sim.pay("ord_void"))
        .compose(txn -> voidTxn(txn.getString("txn_uuid")).map(r -> {
          JsonObject voided = json(r, 200);
          assertEquals("VOIDED", voided.getString("status"));
          assertEquals(txn.getString("txn_uuid"), voided.getString("txn_uuid"));
          return txn.getString("txn_uuid");
        }))
        .compose(uuid -> voidTxn(uuid))
        .onComplete(tc.succeeding(again -> tc.verify(() -> {
          assertEquals(400, again.statusCode());
          assertEquals("VOIDED", sim.state.order(MERCHANT, "ord_void").orElseThrow().getString("status"));
          tc.completeNow();
        })));
  }

  @Test
  void captureOfAChargedTxnIs400AndOfAnUnknownTxnIs404(VertxTestContext tc) {
    sim.createOrder("ord_cc", "30").compose(o -> sim.pay("ord_cc"))
        .compose(txn -> sim.postForm("/v2/txns/" + txn.getString("txn_uuid") + "/capture"))
        .compose(charged -> {
          assertEquals(400, charged.statusCode());
          return sim.postForm("/v2/txns/mozNoSuchTxn/capture");
        })
        .onComplete(tc.succeeding(unknown -> tc.verify(() -> {
          assertEquals(404, unknown.statusCode());
          tc.completeNow();
        })));
  }

  private Future<HttpResponse<Buffer>> refund(
      String orderId, String key, String amount) {
    return sim.postForm("/orders/" + orderId + "/refunds", "unique_request_id", key, "amount", amount);
  }

  private Future<HttpResponse<Buffer>> voidTxn(String uuid) {
    return sim.postForm("/v2/txns/" + uuid + "/void");
  }
}
