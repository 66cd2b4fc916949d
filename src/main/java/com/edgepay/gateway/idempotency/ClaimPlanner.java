package com.edgepay.gateway.idempotency;

import com.edgepay.gateway.api.ApiRoute;
import com.edgepay.gateway.api.ErrorCode;
import com.edgepay.gateway.api.GatewayError;
import com.edgepay.gateway.api.RouteMatch;
import com.edgepay.gateway.config.IdempotencySettings;
import com.edgepay.gateway.crypto.Tokens;
import java.math.BigDecimal;

/**
 * The idempotency key table, in one place. Every key is scoped to the tenant. The natural key
 * always counts; an Idempotency-Key header adds a key of its own and never replaces it.
 *
 * <pre>
 * route                          natural key                      same key, other payload
 * POST /orders, POST /session    order id                         422
 * POST /txns                     order id + fingerprint           a new attempt (new key)
 * POST /orders/{id}/refunds      order id + unique_request_id     422
 * capture, void                  txn + action                     422
 * POST /orders/{id} (update)     order id + fingerprint           a new update (new key)
 * Idempotency-Key header         the header, per route            422
 * </pre>
 *
 * Every attempt on one order (or txn) shares its lock, so only one is in flight at a time.
 */
public final class ClaimPlanner {
  public static final String CLIENT_KEY_HEADER = "idempotency-key";
  static final int MAX_CLIENT_KEY = 255;

  private final Fingerprint fingerprint;
  private final IdempotencySettings settings;

  public ClaimPlanner(Fingerprint fingerprint, IdempotencySettings settings) {
    this.fingerprint = fingerprint;
    this.settings = settings;
  }

  public ClaimPlan plan(CallFacts call) {
    String tenant = call.tenant().id();
    ApiRoute route = call.match().route();
    String fp = refundByBody(call) ? fingerprint.of(new RouteMatch(ApiRoute.REFUND, call.orderId()),
        call.form().without("order_id"), call.version()) : fingerprint.of(call.match(), call.form(), call.version());
    String kind = kind(route);
    boolean capture = route == ApiRoute.CAPTURE || route == ApiRoute.VOID;
    String txnTag = capture ? fingerprint.tag(call.match().pathParam()) : null;
    String order = call.orderId();
    String entity = capture ? txnTag : (order != null ? order : "fp-" + fp);
    String refundId = kind.equals("refund") ? orElse(call.form().get("unique_request_id"), "") : "";
    String record = switch (route) {
      case TXNS, UPDATE_ORDER -> StoreKeys.record(tenant, kind, entity + ":" + fp);
      case REFUND, REFUND_BY_BODY -> StoreKeys.record(tenant, kind, entity + ":" + orElse(refundId, "fp-" + fp));
      default -> StoreKeys.record(tenant, kind, entity);
    };
    boolean reuseIsError = route != ApiRoute.TXNS && route != ApiRoute.UPDATE_ORDER;
    String clientKey = call.clientKey() == null ? StoreKeys.none(tenant)
        : StoreKeys.clientKey(tenant, kind, checkedClientKey(call.clientKey()));
    return new ClaimPlan(tenant, kind, record,
        capture ? StoreKeys.txnLock(tenant, txnTag) : StoreKeys.orderLock(tenant, entity),
        capture ? StoreKeys.txnRouting(tenant, txnTag) : StoreKeys.orderRouting(tenant, order),
        StoreKeys.customerRouting(tenant, call.customerId()),
        clientKey,
        route == ApiRoute.TXNS ? StoreKeys.orderBook(tenant, order) : StoreKeys.none(tenant),
        capture ? StoreKeys.txnOrder(tenant, txnTag) : StoreKeys.none(tenant),
        Tokens.random128(), fp, orElse(call.routingHeader(), ""), call.routingCandidate(),
        call.tenant().routingIdPolicy(), call.deadlineMs() + settings.claimMarginMs(), reuseIsError,
        order == null ? "" : order, refundId,
        route == ApiRoute.TXNS && order != null ? call.tenant().maxTxnAttempts() : 0,
        txnTag == null ? "" : txnTag,
        route == ApiRoute.UPDATE_ORDER ? amountTag(call.form().get("amount")) : "");
  }

  /**
   * A refund named by its order in the body is the same call as one named in the path: it is
   * fingerprinted in the path's spelling, so a retry by either route replays the other.
   */
  private static boolean refundByBody(CallFacts call) {
    return call.match().route() == ApiRoute.REFUND_BY_BODY && call.orderId() != null;
  }

  /** A read names an order: compare with its binding, and the customer's if the header is absent. */
  public RoutingCheck check(CallFacts call) {
    String tenant = call.tenant().id();
    return new RoutingCheck(StoreKeys.orderRouting(tenant, call.orderId()),
        StoreKeys.customerRouting(tenant, call.customerId()), orElse(call.routingHeader(), ""),
        call.routingCandidate(), call.tenant().routingIdPolicy());
  }

  /** The keyed tag of a Juspay txn uuid, as the store keeps it. */
  public String txnTag(String txnUuid) {
    return txnUuid == null || txnUuid.isEmpty() ? "" : fingerprint.tag(txnUuid);
  }

  /** The keyed tag of an amount, equal for "100", "100.0" and "100.00". */
  public String amountTag(String amount) {
    if (amount == null || amount.isEmpty()) {
      return "";
    }
    try {
      return fingerprint.tag("amount:" + new BigDecimal(amount).stripTrailingZeros().toPlainString());
    } catch (NumberFormatException e) {
      return fingerprint.tag("amount-text:" + amount);
    }
  }

  static String kind(ApiRoute route) {
    return switch (route) {
      case CREATE_ORDER -> "orders";
      case SESSION -> "session";
      case TXNS -> "txns";
      case REFUND, REFUND_BY_BODY -> "refund";
      case UPDATE_ORDER -> "update";
      case CAPTURE -> "capture";
      case VOID -> "void";
      case ORDER_STATUS -> "status";
    };
  }

  private static String checkedClientKey(String key) {
    boolean ok = !key.isEmpty() && key.length() <= MAX_CLIENT_KEY;
    for (int i = 0; ok && i < key.length(); i++) {
      char c = key.charAt(i);
      ok = c >= ' ' && c <= '~';
    }
    if (!ok) {
      throw GatewayError.of(ErrorCode.INVALID_PARAMETER, "Invalid Idempotency-Key")
          .withField("Idempotency-Key", "must be 1-" + MAX_CLIENT_KEY + " printable ASCII characters");
    }
    return key;
  }

  private static String orElse(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }
}
