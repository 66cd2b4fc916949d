package com.edgepay.gateway.edge;

import static com.edgepay.gateway.edge.Exchanges.code;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.edgepay.gateway.api.GatewayError;
import com.edgepay.gateway.metrics.GatewayMetrics;
import com.edgepay.gateway.metrics.MetricsSetup;
import com.edgepay.gateway.secrets.JuspayCredential;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The body-phase filters that decide without I/O, each on its own. */
class BodyFiltersTest {
  private final PrometheusMeterRegistry registry = MetricsSetup.newRegistry();
  private final GatewayMetrics metrics = new GatewayMetrics(registry);

  private static Exchange post(String uri, String contentType, String body) {
    Exchange routed = Exchanges.routed(HttpMethod.POST, uri, Exchanges.acme(), "content-type", contentType);
    Exchange ex = Exchanges.withBody(routed, Exchanges.body(body));
    ex.match = routed.match;
    ex.tenant = routed.tenant;
    return ex;
  }

  private static Outcome done(Future<Outcome> step) {
    assertTrue(step.isComplete());
    return step.succeeded() ? step.result() : Outcomes.of(step.cause());
  }

  @Test
  void readBodyTakesFormsAndFlatJsonAndNothingElse() {
    ReadBodyFilter filter = new ReadBodyFilter(64);
    Exchange form = post("/orders", "application/x-www-form-urlencoded", "order_id=o1&amount=1.00");
    assertNull(done(filter.onRequest(form)));
    assertEquals("o1", form.form.get("order_id"));
    assertTrue(form.hasBody);

    Exchange json = post("/orders", "application/json; charset=utf-8", "{\"order_id\":\"o2\",\"amount\":1.5}");
    assertNull(done(filter.onRequest(json)));
    assertEquals("1.5", json.form.get("amount"));

    assertEquals("UNSUPPORTED_MEDIA_TYPE", code(done(filter.onRequest(post("/orders", "text/plain", "x=1")))));
    assertEquals("UNSUPPORTED_MEDIA_TYPE",
        code(done(filter.onRequest(post("/orders", "application/json; charset=latin-1", "{}")))));
    assertEquals("INVALID_PARAMETER", code(done(filter.onRequest(post("/orders", "application/json", "{\"a\":{}}")))));
    assertEquals("INVALID_PARAMETER", code(done(filter.onRequest(post("/orders", "application/x-www-form-urlencoded",
        "a=%zz")))));
    assertEquals("PAYLOAD_TOO_LARGE", code(done(filter.onRequest(post("/orders", "application/x-www-form-urlencoded",
        "a=" + "x".repeat(100))))));
  }

  @Test
  void readBodyRefusesADeclaredOversizeBeforeReadingAndSkipsReads() {
    ReadBodyFilter filter = new ReadBodyFilter(64);
    Exchange declared = Exchanges.routed(HttpMethod.POST, "/orders", Exchanges.acme(), "content-length", "100000");
    assertEquals("PAYLOAD_TOO_LARGE", code(done(filter.onRequest(declared))));
    Exchange read = Exchanges.routed(HttpMethod.GET, "/orders/o1", Exchanges.acme());
    assertSame(Filter.CONTINUE, filter.onRequest(read));
  }

  @Test
  void aSlowUploadIsCutShortByAnInterruption() {
    ReadBodyFilter filter = new ReadBodyFilter(64);
    Promise<Buffer> never = Promise.promise();
    Exchange routed = Exchanges.routed(HttpMethod.POST, "/orders", Exchanges.acme(), "content-type",
        "application/x-www-form-urlencoded");
    Exchange ex = Exchanges.withBody(routed, new BodySource() {
      @Override
      public Future<Buffer> read(int limit) {
        return never.future();
      }

      @Override
      public boolean ended() {
        return false;
      }
    });
    ex.match = routed.match;
    Future<Outcome> step = filter.onRequest(ex);
    ex.interrupt(Interruption.DEADLINE);
    Outcome.Refusal refusal = (Outcome.Refusal) done(step);
    assertEquals(false, refusal.sent());
  }

  @Test
  void anotherMerchantsIdIsForbiddenAndOursIsSetForJuspay() {
    MerchantFilter filter = new MerchantFilter();
    Exchange ours = Exchanges.withForm(Exchanges.routed(HttpMethod.POST, "/orders", Exchanges.acme(),
        "x-merchantid", "acme_shop"), "order_id", "o1");
    filter.onRequest(ours);
    assertEquals("acme_shop", ours.form.get("merchant_id"));

    Exchange header = Exchanges.withForm(Exchanges.routed(HttpMethod.POST, "/orders", Exchanges.acme(),
        "x-merchantid", "globex"), "order_id", "o1");
    assertEquals("FORBIDDEN", assertThrows(GatewayError.class, () -> filter.onRequest(header)).code().name());
    Exchange body = Exchanges.withForm(Exchanges.routed(HttpMethod.POST, "/orders", Exchanges.acme()),
        "order_id", "o1", "merchant_id", "globex");
    assertEquals("FORBIDDEN", assertThrows(GatewayError.class, () -> filter.onRequest(body)).code().name());
    Exchange read = Exchanges.routed(HttpMethod.GET, "/orders/o1", Exchanges.acme());
    filter.onRequest(read);
    assertEquals(0, read.form.size(), "a read has no body to put a merchant id in");
  }

  /** Juspay's Java SDK sends an empty x-merchantid when none is configured: it names no merchant. */
  @Test
  void anEmptyOrBlankMerchantIdCountsAsAbsent() {
    MerchantFilter filter = new MerchantFilter();
    for (String blank : new String[] {"", " ", "\t", "   "}) {
      Exchange header = Exchanges.withForm(Exchanges.routed(HttpMethod.POST, "/orders", Exchanges.acme(),
          "x-merchantid", blank), "order_id", "o1");
      filter.onRequest(header);
      assertEquals("acme_shop", header.form.get("merchant_id"), "header '" + blank + "'");
      Exchange body = Exchanges.withForm(Exchanges.routed(HttpMethod.POST, "/orders", Exchanges.acme()),
          "order_id", "o1", "merchant_id", blank);
      filter.onRequest(body);
      assertEquals("acme_shop", body.form.get("merchant_id"), "body '" + blank + "'");
      Exchange read = Exchanges.routed(HttpMethod.GET, "/orders/o1", Exchanges.acme(), "x-merchantid", blank);
      filter.onRequest(read);
      assertEquals(0, read.form.size(), "header '" + blank + "' on a read");
    }
    Exchange absent = Exchanges.withForm(Exchanges.routed(HttpMethod.POST, "/orders", Exchanges.acme()),
        "order_id", "o1");
    filter.onRequest(absent);
    assertEquals("acme_shop", absent.form.get("merchant_id"));
    Exchange another = Exchanges.withForm(Exchanges.routed(HttpMethod.POST, "/orders", Exchanges.acme(),
        "x-merchantid", " globex"), "order_id", "o1");
    assertEquals("FORBIDDEN", assertThrows(GatewayError.class, () -> filter.onRequest(another)).code().name(),
        "a padded id is still another merchant's");
  }

  @Test
  void validationFollowsTheTenantsMode() {
    ValidateFilter filter = new ValidateFilter(metrics);
    Exchange missing = Exchanges.withForm(Exchanges.routed(HttpMethod.POST, "/orders", Exchanges.acme()), "amount", "1");
    GatewayError e = assertThrows(GatewayError.class, () -> filter.onRequest(missing));
    assertEquals("MISSING_MANDATORY_PARAMETER", e.code().name());
    assertEquals("order_id", e.fields().get(0).fieldName());

    Exchange reported = Exchanges.withForm(Exchanges.routed(HttpMethod.POST, "/orders",
        Exchanges.acme(t -> t.put("validation_mode", "report"))), "amount", "1");
    assertSame(Filter.CONTINUE, filter.onRequest(reported));
    assertEquals(1.0, registry.find("gateway.validation").tag("outcome", "reported").counter().count());

    Exchange off = Exchanges.withForm(Exchanges.routed(HttpMethod.POST, "/orders",
        Exchanges.acme(t -> t.put("validation_mode", "off"))), "amount", "x");
    assertSame(Filter.CONTINUE, filter.onRequest(off));
  }

  @Test
  void identityReadsOrderCustomerAndTheRoutingCandidates() {
    IdentifyFilter filter = new IdentifyFilter();
    Exchange txn = Exchanges.withForm(Exchanges.routed(HttpMethod.POST, "/txns", Exchanges.acme()),
        "order.order_id", "o9", "order.customer_id", "c9");
    filter.onRequest(txn);
    assertEquals(new CallIdentity("o9", "c9", null, "c9"), txn.identity);

    Exchange guest = Exchanges.withForm(Exchanges.routed(HttpMethod.POST, "/orders/o7/refunds", Exchanges.acme(),
        "x-routing-id", "r1"), "unique_request_id", "u1");
    filter.onRequest(guest);
    assertEquals(new CallIdentity("o7", null, "r1", "o7"), guest.identity);

    Exchange unusable = Exchanges.withForm(Exchanges.routed(HttpMethod.POST, "/orders", Exchanges.acme()),
        "order_id", "o1", "customer_id", "has space");
    GatewayError e = assertThrows(GatewayError.class, () -> filter.onRequest(unusable));
    assertEquals("customer_id", e.fields().get(0).fieldName());
  }

  @Test
  void aMissingCredentialIsABugNotAnUnsignedCall() {
    JuspayCredential credential = JuspayCredential.fromKey("acme", "JP_KEY", 1);
    CredentialFilter filter = new CredentialFilter(Map.of("acme", credential)::get);
    Exchange ex = Exchanges.routed(HttpMethod.GET, "/orders/o1", Exchanges.acme());
    filter.onRequest(ex);
    assertSame(credential, ex.credential);
    Exchange other = Exchanges.routed(HttpMethod.GET, "/orders/o1",
        Exchanges.tenants(t -> t.put("id", "nokey")).byId("nokey"));
    assertThrows(IllegalStateException.class, () -> filter.onRequest(other));
    assertEquals("INTERNAL_ERROR", code(Outcomes.of(new IllegalStateException("x"))));
  }

  @Test
  void aWithdrawnCredentialIs503WithNothingSent() {
    CredentialFilter filter = new CredentialFilter(Map.of("acme", JuspayCredential.revoked("acme", 7))::get);
    Exchange ex = Exchanges.routed(HttpMethod.GET, "/orders/o1", Exchanges.acme());
    GatewayError e = assertThrows(GatewayError.class, () -> filter.onRequest(ex));
    assertEquals(503, e.code().status());
    assertEquals("UPSTREAM_UNAVAILABLE", e.code().wireName());
    assertEquals(30, e.retryAfterSeconds());
    assertEquals("JuspayCredential[acme, v7, revoked]", JuspayCredential.revoked("acme", 7).toString());
  }

}
