package com.edgepay.gateway.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.edgepay.gateway.idempotency.UnknownCall;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Reading Juspay's order status, and the verdict table. "Did not take effect" releases a record and
 * lets a retry be sent, so every shape that does not positively show "no new attempt" must stay
 * unresolved, and anything that is not Juspay's answer about this very order must be unreadable.
 */
class VerdictTest {
  private static final Function<String, String> TAG = v -> "tag:" + v;

  private static UnknownCall call(String kind, String knownTxnTag, String refundId, String txnTag, String amountTag) {
    return new UnknownCall("acme", "lease", "rec", kind, "o1", refundId, knownTxnTag, txnTag, amountTag, "o1", "1", 1,
        0, 1_000);
  }

  private static UnknownCall txns(String knownTxnTag) {
    return call("txns", knownTxnTag, "", "", "");
  }

  private static OrderReport order(String status, String txnUuid) {
    JsonObject body = new JsonObject().put("order_id", "o1").put("status", status).put("amount", "100.00");
    if (txnUuid != null) {
      body.put("txn_uuid", txnUuid);
    }
    return OrderReport.parse("o1", 200, Buffer.buffer(body.encode()));
  }

  private static Verdict verdict(UnknownCall call, OrderReport order) {
    return Verdict.of(call, order, TAG, TAG);
  }

  @Test
  void aPaymentTookEffectWhenANewerTxnOrMoneyShows() {
    assertEquals(Verdict.TOOK_EFFECT, verdict(txns("tag:t1"), order("PENDING_VBV", "t2")), "a newer txn");
    assertEquals(Verdict.TOOK_EFFECT, verdict(txns(""), order("AUTHENTICATION_FAILED", "t1")), "a failed one is one");
    assertEquals(Verdict.TOOK_EFFECT, verdict(txns("tag:t1"), order("CHARGED", "t1")), "the order is paid");
  }

  @Test
  void aPaymentDidNotOnlyWhenNothingNewShows() {
    assertEquals(Verdict.DID_NOT, verdict(txns(""), order("NEW", null)), "a new order, no txn");
    assertEquals(Verdict.DID_NOT, verdict(txns("tag:t1"), order("AUTHENTICATION_FAILED", "t1")), "only the known txn");
    OrderReport none = OrderReport.parse("o1", 404, Buffer.buffer(new JsonObject().put("status", "NOT_FOUND").encode()));
    assertEquals(Verdict.DID_NOT, verdict(txns(""), none), "no such order");
  }

  /** STARTED ("attempt pending"), AUTHORIZING and the like say an attempt exists even when no txn is named. */
  @Test
  void anAttemptStatusWithoutATxnStaysUnresolved() {
    for (String status : new String[] {"STARTED", "PENDING_VBV", "AUTHORIZING", "VBV_SUCCESSFUL", "JUSPAY_DECLINED"}) {
      assertEquals(Verdict.UNRESOLVED, verdict(txns(""), order(status, null)), status);
    }
  }

  @Test
  void errorBodiesEvenWithATwoHundredAreNotOrders() {
    JsonObject error = new JsonObject().put("status", "error").put("error_code", "internal_error")
        .put("error_message", "try again");
    assertThrows(OrderReport.Unreadable.class, () -> OrderReport.parse("o1", 200, Buffer.buffer(error.encode())));
    JsonObject coded = new JsonObject().put("order_id", "o1").put("status", "NEW").put("error_code", "x");
    assertThrows(OrderReport.Unreadable.class, () -> OrderReport.parse("o1", 200, Buffer.buffer(coded.encode())));
    assertThrows(OrderReport.Unreadable.class, () -> OrderReport.parse("o1", 500, Buffer.buffer("{}")));
    assertThrows(OrderReport.Unreadable.class, () -> OrderReport.parse("o1", 200, Buffer.buffer("[]")));
  }

  @Test
  void anAnswerAboutAnotherOrderOrNoneIsUnreadable() {
    JsonObject other = new JsonObject().put("order_id", "someone_else").put("status", "NEW");
    assertThrows(OrderReport.Unreadable.class, () -> OrderReport.parse("o1", 200, Buffer.buffer(other.encode())));
    JsonObject unnamed = new JsonObject().put("status", "NEW");
    assertThrows(OrderReport.Unreadable.class, () -> OrderReport.parse("o1", 200, Buffer.buffer(unnamed.encode())));
  }

  @Test
  void onlyJuspaysOwnNotFoundIsNotFound() {
    assertThrows(OrderReport.Unreadable.class,
        () -> OrderReport.parse("o1", 404, Buffer.buffer("<html><body>404 Not Found</body></html>")));
    assertThrows(OrderReport.Unreadable.class, () -> OrderReport.parse("o1", 404, Buffer.buffer("{}")));
    JsonObject simulator = new JsonObject().put("status", "error").put("error_code", "not_found")
        .put("error_info", new JsonObject().put("code", "NOT_FOUND"));
    assertFalse(OrderReport.parse("o1", 404, Buffer.buffer(simulator.encode())).found());
    JsonObject byStatus = new JsonObject().put("status", "NOT_FOUND");
    assertFalse(OrderReport.parse("o1", 200, Buffer.buffer(byStatus.encode())).found());
    JsonObject coded200 = new JsonObject().put("status", "error").put("error_info", new JsonObject().put("code", "NOT_FOUND"));
    assertThrows(OrderReport.Unreadable.class, () -> OrderReport.parse("o1", 200, Buffer.buffer(coded200.encode())),
        "an error shape says not found only with Juspay's 404");
  }

  @Test
  void ordersWithMoneyOnThemArePaid() {
    for (String status : new String[] {"CHARGED", "AUTHORIZED", "CAPTURE_INITIATED", "PARTIAL_CHARGED", "COD_INITIATED"}) {
      assertTrue(order(status, "t1").paid(), status);
    }
    for (String status : new String[] {"NEW", "PENDING_VBV", "AUTHENTICATION_FAILED", "VOIDED", "AUTO_REFUNDED"}) {
      assertFalse(order(status, "t1").paid(), status);
    }
  }

  @Test
  void refundsUpdatesCapturesAndVoidsFollowTheTable() {
    JsonObject withRefund = new JsonObject().put("order_id", "o1").put("status", "CHARGED").put("amount", "250.5")
        .put("refunds", new JsonArray().add(new JsonObject().put("unique_request_id", "rf1").put("status", "PENDING")));
    OrderReport refunded = OrderReport.parse("o1", 200, Buffer.buffer(withRefund.encode()));
    assertEquals(Verdict.TOOK_EFFECT, verdict(call("refund", "", "rf1", "", ""), refunded));
    assertEquals(Verdict.DID_NOT, verdict(call("refund", "", "rf2", "", ""), refunded));
    assertEquals(Verdict.TOOK_EFFECT, verdict(call("update", "", "", "", "tag:250.5"), refunded));
    assertEquals(Verdict.DID_NOT, verdict(call("update", "", "", "", "tag:100"), refunded));
    assertEquals(Verdict.TOOK_EFFECT, verdict(call("capture", "", "", "tag:t1", ""), order("CHARGED", "t1")));
    assertEquals(Verdict.DID_NOT, verdict(call("capture", "", "", "tag:t1", ""), order("AUTHORIZED", "t1")));
    assertEquals(Verdict.UNRESOLVED, verdict(call("capture", "", "", "tag:t1", ""), order("AUTHORIZED", "t2")),
        "another txn is the newest: cannot tell");
    assertEquals(Verdict.TOOK_EFFECT, verdict(call("void", "", "", "tag:t1", ""), order("VOIDED", "t1")));
  }
}
