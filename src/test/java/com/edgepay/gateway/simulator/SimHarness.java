package com.edgepay.gateway.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A simulator on an ephemeral loopback port plus a client that speaks to it like a merchant would. */
final class SimHarness {

  static final String HOST = "127.0.0.1";
  static final String API_KEY = "sim_test_key_9f8e7d";
  static final String MERCHANT = "edgepay_test";
  static final long SEED = 0x5EEDL;

  private static final Logger LOG = LoggerFactory.getLogger(SimHarness.class);

  final SimulatorState state;
  final WebClient client;
  final int port;

  private SimHarness(SimulatorState state, WebClient client, int port) {
    this.state = state;
    this.client = client;
    this.port = port;
  }

  static Future<SimHarness> start(Vertx vertx, LatencyMode latency) {
    LOG.info("starting simulator for a test with seed {}", SEED);
    SimulatorState state = new SimulatorState();
    SimulatorVerticle verticle =
        new SimulatorVerticle(new SimulatorOptions(HOST, 0, latency, SEED), state);
    return vertx.deployVerticle(verticle)
        .map(id -> new SimHarness(state, WebClient.create(vertx), verticle.actualPort()));
  }

  static String basicAuth(String apiKey) {
    return "Basic " + Base64.getEncoder().encodeToString((apiKey + ":").getBytes(StandardCharsets.UTF_8));
  }

  /** A request with Juspay's auth headers. */
  HttpRequest<Buffer> request(HttpMethod method, String path) {
    return bare(method, path)
        .putHeader("Authorization", basicAuth(API_KEY))
        .putHeader("x-merchantid", MERCHANT)
        .putHeader("x-routing-id", "customer_1122")
        .putHeader("version", "2024-06-01");
  }

  /** A request with no headers at all. */
  HttpRequest<Buffer> bare(HttpMethod method, String path) {
    return client.request(method, port, HOST, path);
  }

  /** POSTs a form built from name/value pairs, with auth. */
  Future<HttpResponse<Buffer>> postForm(String path, String... pairs) {
    return request(HttpMethod.POST, path).sendForm(form(pairs));
  }

  Future<HttpResponse<Buffer>> get(String path) {
    return request(HttpMethod.GET, path).send();
  }

  Future<JsonObject> createOrder(String orderId, String amount, String... extra) {
    String[] pairs = new String[extra.length + 4];
    pairs[0] = "order_id";
    pairs[1] = orderId;
    pairs[2] = "amount";
    pairs[3] = amount;
    System.arraycopy(extra, 0, pairs, 4, extra.length);
    return postForm("/orders", pairs).map(r -> json(r, 200));
  }

  /** Pays an existing order by card; the simulator settles it at once. */
  Future<JsonObject> pay(String orderId) {
    return postForm("/txns", "order_id", orderId, "merchant_id", MERCHANT,
        "payment_method_type", "CARD", "payment_method", "VISA", "format", "json")
        .map(r -> json(r, 200));
  }

  Future<HttpResponse<Buffer>> control(HttpMethod method, String path, JsonObject body) {
    HttpRequest<Buffer> request = bare(method, path);
    return body == null ? request.send() : request.sendJsonObject(body);
  }

  static MultiMap form(String... pairs) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < pairs.length; i += 2) {
      form.add(pairs[i], pairs[i + 1]);
    }
    return form;
  }

  /** Fails the chain with a readable message when the status is not the expected one. */
  static JsonObject json(HttpResponse<Buffer> response, int expectedStatus) {
    assertEquals(expectedStatus, response.statusCode(), () -> "unexpected answer " + response.bodyAsString());
    return response.bodyAsJsonObject();
  }
}
