package com.edgepay.loadtests;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * One merchant checkout through the gateway, as CheckoutMix and Soak run it. Per virtual user:
 *
 * <ol>
 *   <li>{@code POST /orders}: a new order (unique order_id, amount, customer_id; x-routing-id = the
 *       customer id); about 5% of users then re-send it byte for byte;
 *   <li>{@code POST /txns}: a payment on that order, net banking (NB_HDFC) or, for about 30%, a UPI
 *       collect; about 5% re-send it byte for byte;
 *   <li>2 to 4 {@code GET /orders/{order_id}} status polls with short pauses (the order reads CHARGED:
 *       the simulator settles a payment at once);
 *   <li>about 1% ask for a refund of part of the amount ({@code POST /orders/{order_id}/refunds}).
 * </ol>
 *
 * A retry is an identical call made after the first one answered, so the gateway must replay it (200
 * with {@code Idempotent-Replayed: true}); 409 {@code REQUEST_IN_PROGRESS} is accepted too (the call was
 * still in flight). Any other answer is a KO. Requests are named by route template, so the report
 * groups them; retries have their own names because a replay never reaches Juspay and is much faster.
 */
final class Checkout {

  static final double RETRY_SHARE = 0.05;
  static final double UPI_SHARE = 0.30;
  static final double REFUND_SHARE = 0.01;

  private static final Map<String, String> FORM = Map.of("Content-Type", "application/x-www-form-urlencoded");

  private Checkout() {
  }

  static HttpProtocolBuilder protocol() {
    return http.baseUrl(LoadConfig.gatewayUrl())
        .acceptHeader("application/json")
        .userAgentHeader("edgepay-gatling-loadtest")
        .disableWarmUp()
        .disableCaching();
  }

  /** The whole checkout; every response time also goes to {@code timeline}. */
  static ChainBuilder chain(List<LoadConfig.Tenant> tenants, Timeline timeline) {
    return exec(session -> prepare(session, tenants))
        .exec(timed(createOrder("POST /orders", false), timeline))
        .exitHereIf(session -> !session.getBoolean("lastOk"))
        .doIf(session -> session.getBoolean("retryOrder")).then(
            exec(timed(createOrder("POST /orders [identical retry]", true), timeline)))
        .pause(Duration.ofMillis(50), Duration.ofMillis(300))
        .exec(timed(pay("POST /txns", false), timeline))
        .exitHereIf(session -> !session.getBoolean("lastOk"))
        .doIf(session -> session.getBoolean("retryTxn")).then(
            exec(timed(pay("POST /txns [identical retry]", true), timeline)))
        .repeat(session -> session.getInt("polls")).on(
            pause(Duration.ofMillis(100), Duration.ofMillis(500))
                .exec(timed(orderStatus(), timeline)))
        .doIf(session -> session.getBoolean("refund")).then(
            exec(timed(refund(), timeline)));
  }

  /** Draws everything about this checkout up front, so a retry can re-send the very same bytes. */
  private static Session prepare(Session session, List<LoadConfig.Tenant> tenants) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    LoadConfig.Tenant tenant = tenants.get(random.nextInt(tenants.size()));
    String orderId = Ids.next("co");
    // A returning customer base per tenant: the same customer keeps the same x-routing-id for life.
    String customerId = "cust-" + tenant.index() + "-" + random.nextInt(20_000);
    long paise = random.nextLong(100, 500_000);
    String amount = String.format(Locale.ROOT, "%d.%02d", paise / 100, paise % 100);

    Map<String, String> order = new LinkedHashMap<>();
    order.put("order_id", orderId);
    order.put("amount", amount);
    order.put("currency", "INR");
    order.put("customer_id", customerId);
    order.put("customer_email", customerId + "@example.com");
    order.put("customer_phone", "98" + String.format(Locale.ROOT, "%08d", random.nextInt(100_000_000)));
    order.put("return_url", "https://shop.example.com/checkout/return");
    order.put("description", "load test order");

    Map<String, String> txn = new LinkedHashMap<>();
    txn.put("order_id", orderId);
    txn.put("merchant_id", tenant.merchantId());
    txn.put("format", "json");
    if (random.nextDouble() < UPI_SHARE) {
      txn.put("payment_method_type", "UPI");
      txn.put("payment_method", "UPI_COLLECT");
      txn.put("txn_type", "UPI_COLLECT");
      txn.put("upi_vpa", "name@okhdfc");
    } else {
      txn.put("payment_method_type", "NB");
      txn.put("payment_method", "NB_HDFC");
    }

    long refundPaise = random.nextLong(100, paise + 1);
    Map<String, String> refund = new LinkedHashMap<>();
    refund.put("unique_request_id", "rf-" + orderId);
    refund.put("amount", String.format(Locale.ROOT, "%d.%02d", refundPaise / 100, refundPaise % 100));

    return session
        .set("authorization", tenant.authorization())
        .set("orderId", orderId)
        .set("customerId", customerId)
        .set("orderBody", form(order))
        .set("txnBody", form(txn))
        .set("refundBody", form(refund))
        .set("retryOrder", random.nextDouble() < RETRY_SHARE)
        .set("retryTxn", random.nextDouble() < RETRY_SHARE)
        .set("polls", random.nextInt(2, 5))
        .set("refund", random.nextDouble() < REFUND_SHARE)
        .set("lastOk", true);
  }

  static HttpRequestActionBuilder createOrder(String name, boolean retry) {
    return moneyCall(http(name).post("/orders").body(StringBody(s -> s.getString("orderBody"))), retry,
        jsonPath("$.order_id").isEL("#{orderId}"));
  }

  static HttpRequestActionBuilder pay(String name, boolean retry) {
    return moneyCall(http(name).post("/txns").body(StringBody(s -> s.getString("txnBody"))), retry,
        jsonPath("$.txn_uuid").exists());
  }

  static HttpRequestActionBuilder orderStatus() {
    return authed(http("GET /orders/{order_id}").get("/orders/#{orderId}"))
        .check(status().is(200), jsonPath("$.status").is("CHARGED"));
  }

  static HttpRequestActionBuilder refund() {
    return authed(http("POST /orders/{order_id}/refunds").post("/orders/#{orderId}/refunds")
        .headers(FORM).body(StringBody(s -> s.getString("refundBody"))))
        .check(status().is(200), jsonPath("$.refunded").ofBoolean().is(true));
  }

  /**
   * A first call must be 200 and fresh; an identical retry must be 200 replayed, or 409
   * REQUEST_IN_PROGRESS if the first were still in flight.
   */
  private static HttpRequestActionBuilder moneyCall(HttpRequestActionBuilder request, boolean retry,
      CheckBuilder bodyCheck) {
    HttpRequestActionBuilder req = authed(request.headers(FORM));
    if (!retry) {
      return req.check(status().is(200), header("Idempotent-Replayed").notExists(), bodyCheck);
    }
    return req.check(status().in(200, 409))
        .checkIf((response, session) -> response.status().code() == 200)
        .then(header("Idempotent-Replayed").is("true"), bodyCheck)
        .checkIf((response, session) -> response.status().code() == 409)
        .then(jsonPath("$.error_code").is("REQUEST_IN_PROGRESS"));
  }

  private static HttpRequestActionBuilder authed(HttpRequestActionBuilder request) {
    // The response time feeds the latency-over-time table. Gatling evaluates status checks before the
    // others, so a KO on its status may have no time there; it is still counted as a KO.
    return request
        .header("Authorization", "#{authorization}")
        .header("x-routing-id", "#{customerId}")
        .check(responseTimeInMillis().saveAs("rt"));
  }

  /** Runs the request, then hands its time and outcome to the timeline and clears the failed flag. */
  static ChainBuilder timed(HttpRequestActionBuilder request, Timeline timeline) {
    return exec(request).exec(session -> {
      boolean ok = !session.isFailed();
      int millis = session.contains("rt") ? session.getInt("rt") : -1;
      if (timeline != null) {
        timeline.record(millis, ok);
      }
      return session.remove("rt").markAsSucceeded().set("lastOk", ok);
    });
  }

  static String form(Map<String, String> params) {
    return params.entrySet().stream()
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
