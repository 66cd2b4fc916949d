package com.edgepay.gateway.sdk;

import static com.edgepay.gateway.support.GatewayFixture.ACME_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.edgepay.gateway.simulator.JournalEntry;
import com.edgepay.gateway.support.GatewayFixture;
import com.edgepay.gateway.support.Juspay;
import com.edgepay.gateway.support.TestCertificates;
import in.juspay.exception.AuthenticationException;
import in.juspay.exception.InvalidRequestException;
import in.juspay.model.JuspayEnvironment;
import in.juspay.model.Order;
import in.juspay.model.Payment;
import in.juspay.model.Refund;
import in.juspay.model.RequestOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Juspay's own Java SDK (in.juspay:expresscheckout 1.1.2), unchanged, with its base URL pointed at
 * the gateway: HTTPS (the SDK refuses anything else) with a certificate from a test CA that the
 * JVM's trust store is told about, exactly as a merchant would configure it, never a trust-all
 * shortcut. No merchant id is configured, so the SDK sends an empty x-merchantid on every call.
 * The gateway stands in front of the project's Juspay simulator, whose journal says what reached it.
 */
@ExtendWith(VertxExtension.class)
class JavaSdkTest {
  private static final String[] TRUST_PROPERTIES = {"javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword",
      "javax.net.ssl.trustStoreType"};
  private static final Map<String, String> SAVED = new LinkedHashMap<>();

  @BeforeAll
  static void trustTheTestCa() {
    for (String name : TRUST_PROPERTIES) {
      SAVED.put(name, System.getProperty(name));
    }
  }

  @AfterAll
  static void restoreTrust() {
    SAVED.forEach((name, value) -> {
      if (value == null) {
        System.clearProperty(name);
      } else {
        System.setProperty(name, value);
      }
    });
  }

  @Test
  void theSdkDrivesEveryRouteThroughTheGatewayUnchanged(Vertx vertx, VertxTestContext ctx) throws Exception {
    TestCertificates certs = TestCertificates.issue("DNS:localhost", "IP:127.0.0.1");
    trustStoreWith(certs.caCert());
    Juspay.start(vertx).compose(juspay -> GatewayFixture.start(vertx, juspay.baseUrl(),
            config -> config.getJsonObject("server").put("tls", new JsonObject()
                .put("cert", certs.cert().toString()).put("key", certs.key().toString())), tenants -> { })
        .compose(gateway -> vertx.executeBlocking(() -> {
          JuspayEnvironment.withBaseUrl("https://localhost:" + gateway.config.server().port())
              .withApiKey(ACME_KEY);
          drive(juspay);
          return null;
        }).eventually(() -> gateway.gateway.stop()))).onComplete(ctx.succeedingThenComplete());
  }

  /** The SDK's calls, in a checkout's order; blocking (HttpsURLConnection), so off the event loop. */
  private static void drive(Juspay juspay) throws Exception {
    Map<String, Object> create = params("order_id", "sdk_o1", "amount", "100.00", "customer_id", "cust_sdk_1",
        "customer_email", "buyer@example.com");
    Order order = Order.create(create);
    assertEquals("sdk_o1", order.getOrderId());
    assertNotNull(order.getPaymentLinks(), "Juspay's answer, parsed by the SDK");
    assertEquals("sdk_o1", Order.create(create).getOrderId(), "an identical repeat replays the first answer");
    assertEquals(1, calls(juspay, "POST", "/orders", "sdk_o1"), "the repeat never reached Juspay");

    assertEquals("sdk_o1", Order.status("sdk_o1").getOrderId());
    assertEquals(1, calls(juspay, "GET", "/orders/sdk_o1", "sdk_o1"));
    Order.update("sdk_o1", params("amount", "120.00"));
    assertEquals(1, calls(juspay, "POST", "/orders/sdk_o1", "sdk_o1"));

    Map<String, Object> pay = params("order_id", "sdk_o1", "payment_method_type", "NB", "payment_method", "NB_HDFC",
        "redirect_after_payment", "true");
    Payment payment = Payment.create(pay);
    assertEquals("sdk_o1", payment.getOrderId());
    Payment.create(pay);
    assertEquals(1, calls(juspay, "POST", "/txns", "sdk_o1"), "an identical payment call moves money once");
    juspay.charge("acme_shop", "sdk_o1");

    Map<String, Object> byPath = params("unique_request_id", "sdk_rf_1", "amount", "10.00");
    Order refunded = Order.refund("sdk_o1", byPath);
    assertEquals("sdk_o1", refunded.getOrderId());
    Map<String, Object> byBody = params("order_id", "sdk_o1", "unique_request_id", "sdk_rf_1", "amount", "10.00");
    Refund same = Order.refund(byBody);
    assertNotNull(same);
    assertEquals(1, calls(juspay, "POST", "/orders/sdk_o1/refunds", "sdk_o1")
        + calls(juspay, "POST", "/refunds", "sdk_o1"), "one refund by both of the SDK's methods reaches Juspay once");
    Refund second = Order.refund(params("order_id", "sdk_o1", "unique_request_id", "sdk_rf_2", "amount", "5.00"));
    assertNotNull(second);
    assertEquals(2, juspay.effects("refund:acme_shop:sdk_o1"), "two refunds took effect, each once");

    for (JournalEntry call : juspay.state.requests("sdk_o1")) {
      assertEquals("acme_shop", call.merchantId(), "the gateway set the merchant for the empty header");
    }

    InvalidRequestException invalid = assertThrows(InvalidRequestException.class,
        () -> Order.create(params("order_id", "sdk_o2", "amount", "lots")));
    assertEquals("INVALID_PARAMETER", invalid.getErrorCode());
    assertEquals(400, invalid.getHttpResponseCode());

    AuthenticationException wrongKey = assertThrows(AuthenticationException.class,
        () -> Order.status("sdk_o1", RequestOptions.createDefault().withApiKey("gk_not_a_key")));
    assertEquals("UNAUTHORIZED", wrongKey.getErrorCode());
    assertTrue(juspay.state.requests("sdk_o2").isEmpty(), "refused calls never reach Juspay");

    // The SDK logs every call's parameters, card fields included: its log4j-core (and the
    // log4j2.xml in its jar that writes logs/juspay-sdk.log) is excluded, its logger is off.
    assertTrue(!org.slf4j.LoggerFactory.getLogger("in.juspay.model.JuspayEntity").isErrorEnabled(),
        "the SDK's logger is off");
    assertTrue(!Files.exists(Path.of("logs", "juspay-sdk.log")), "the SDK's own log file was never written");
  }

  private static long calls(Juspay juspay, String method, String path, String orderId) {
    return juspay.state.requests(orderId).stream()
        .filter(e -> e.method().equals(method) && e.path().equals(path)).count();
  }

  private static Map<String, Object> params(String... pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }

  /** A PKCS#12 trust store holding only the test CA, named in the JVM's standard properties. */
  private static void trustStoreWith(Path caCert) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    try (InputStream in = Files.newInputStream(caCert)) {
      store.setCertificateEntry("gateway-test-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    Path file = Files.createTempFile("sdk-trust", ".p12");
    char[] password = "sdk-test".toCharArray();
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, password);
    }
    System.setProperty("javax.net.ssl.trustStore", file.toString());
    System.setProperty("javax.net.ssl.trustStorePassword", new String(password));
    System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
  }
}
