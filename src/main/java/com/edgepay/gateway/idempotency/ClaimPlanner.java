package com.edgepay.gateway.idempotency;

import com.edgepay.gateway.api.ApiRoute;
import com.edgepay.gateway.api.ErrorCode;
import com.edgepay.gateway.api.GatewayError;
import com.edgepay.gateway.config.IdempotencySettings;

/**
 * The idempotency key table, in one place. Every key is scoped to the tenant.
 *
 * <pre>
 * route                        record key                       same key, other payload
 * POST /orders, POST /session  order id                         422
 * POST /txns                   order id + fingerprint           a new attempt (new key)
 * POST /orders/{id}/refunds    order id + unique_request_id     422
 * capture, void                txn uuid + action                422
 * POST /orders/{id} (update)   order id + fingerprint           a new update (new key)
 * Idempotency-Key header       the header, per route            422
 * </pre>
 *
 * Every attempt on one order shares the order's lock, so only one is in flight at a time.
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
    String fp = fingerprint.of(call.match(), call.form());
    ApiRoute route = call.match().route();
    String order = call.orderId();
    boolean capture = route == ApiRoute.CAPTURE || route == ApiRoute.VOID;
    String entity = capture ? call.match().pathParam() : (order != null ? order : "fp-" + fp);
    String lock = capture ? StoreKeys.txnLock(tenant, entity) : StoreKeys.orderLock(tenant, entity);
    String kind = kind(route);
    String record;
    boolean reuseIsError = true;
    if (call.clientKey() != null) {
      kind = "client-" + kind;
      record = StoreKeys.record(tenant, kind, checkedClientKey(call.clientKey()));
    } else {
      switch (route) {
        case TXNS, UPDATE_ORDER -> {
          record = StoreKeys.record(tenant, kind, entity + ":" + fp);
          reuseIsError = false;
        }
        case REFUND -> record = StoreKeys.record(tenant, kind,
            entity + ":" + orElse(call.form().get("unique_request_id"), "fp-" + fp));
        default -> record = StoreKeys.record(tenant, kind, entity);
      }
    }
    return new ClaimPlan(kind, record, lock,
        capture ? StoreKeys.txnRouting(tenant, entity) : StoreKeys.orderRouting(tenant, order),
        StoreKeys.customerRouting(tenant, call.customerId()),
        call.requestId(), fp, orElse(call.routingHeader(), ""), call.routingCandidate(),
        call.tenant().routingIdPolicy(), call.deadlineMs() + settings.claimMarginMs(), reuseIsError);
  }

  /** A read names an order: compare with its binding, and the customer's if the header is absent. */
  public RoutingCheck check(CallFacts call) {
    String tenant = call.tenant().id();
    return new RoutingCheck(StoreKeys.orderRouting(tenant, call.orderId()),
        StoreKeys.customerRouting(tenant, call.customerId()), orElse(call.routingHeader(), ""),
        call.routingCandidate(), call.tenant().routingIdPolicy());
  }

  /** Where a completed /txns remembers its txn's routing id, for a later capture or void. */
  public static String txnBinding(String tenantId, String txnUuid) {
    return StoreKeys.txnRouting(tenantId, txnUuid);
  }

  static String kind(ApiRoute route) {
    return switch (route) {
      case CREATE_ORDER -> "orders";
      case SESSION -> "session";
      case TXNS -> "txns";
      case REFUND -> "refund";
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
