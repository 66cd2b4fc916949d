package com.edgepay.gateway.edge;

import static com.edgepay.gateway.edge.Exchanges.code;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.edgepay.gateway.api.GatewayError;
import com.edgepay.gateway.secrets.JuspayCredential;
import com.edgepay.gateway.upstream.CircuitBreakers;
import com.edgepay.gateway.upstream.InFlight;
import com.edgepay.gateway.upstream.UpstreamCall;
import com.edgepay.gateway.upstream.UpstreamFailure;
import com.edgepay.gateway.upstream.UpstreamReply;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the forward filter sends, and how each upstream result becomes an outcome. */
@ExtendWith(VertxExtension.class)
class ForwardFilterTest {
  private final List<UpstreamCall> calls = new ArrayList<>();

  private Exchange refund(String... headers) {
    Exchange ex = Exchanges.withForm(Exchanges.routed(HttpMethod.POST, "/orders/o1/refunds", Exchanges.acme(), headers),
        "unique_request_id", "u1", "amount", "1.00", "merchant_id", "acme_shop");
    ex.credential = JuspayCredential.fromKey("acme", "JP_KEY", 1);
    ex.routingId = "cust_1";
    return ex;
  }

  private BiFunction<UpstreamCall, InFlight, Future<UpstreamReply>> answering(Future<UpstreamReply> answer) {
    return (call, inFlight) -> {
      calls.add(call);
      return answer;
    };
  }

  /** The breaker completes on a Vert.x context; the test thread may wait for it. */
  private static Outcome await(Future<Outcome> step) {
    try {
      return step.toCompletionStage().toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      return Outcomes.of(e.getCause());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static CircuitBreakers breakers(Vertx vertx) {
    return Exchanges.services(vertx, "https://juspay.example").newBreakers();
  }

  @Test
  void theCallIsBuiltFromScratchAndTheReplyRelayed(Vertx vertx) {
    UpstreamReply reply = new UpstreamReply(200, "application/json", null, Buffer.buffer("{}"));
    ForwardFilter filter = new ForwardFilter(Exchanges.services(vertx, "https://juspay.example/base"), breakers(vertx),
        answering(Future.succeededFuture(reply)));
    Exchange ex = refund("version", "2023-01-01", "authorization", "Bearer client-secret", "x-forwarded-host", "evil",
        "connection", "close, version");
    Outcome outcome = await(filter.onRequest(ex));
    assertEquals(new Outcome.Relay(reply), outcome);
    UpstreamCall call = calls.get(0);
    assertEquals("juspay.example", call.endpoint().host());
    assertEquals("/orders/o1/refunds", call.path());
    assertEquals(HttpMethod.POST, call.method());
    assertEquals(JuspayCredential.fromKey("acme", "JP_KEY", 1).authorization(), call.headers().get("authorization"));
    assertEquals("acme_shop", call.headers().get("x-merchantid"));
    assertEquals("cust_1", call.headers().get("x-routing-id"));
    assertEquals(ex.requestId, call.headers().get("x-request-id"));
    assertNull(call.headers().get("version"), "a header the client named in Connection is hop-by-hop");
    assertNull(call.headers().get("x-forwarded-host"));
    assertEquals(5, call.headers().size());
    assertEquals("unique_request_id=u1&amount=1.00&merchant_id=acme_shop", call.body().toString());
    assertTrue(ex.upstreamNanos >= 0);
  }

  @Test
  void failuresBecomeTheContractsAnswersWithWhetherAnythingWasSent(Vertx vertx) {
    record Row(UpstreamFailure.Kind kind, boolean sent, String code, boolean unknown) {
    }
    for (Row row : List.of(
        new Row(UpstreamFailure.Kind.UNREACHABLE, false, "UPSTREAM_UNAVAILABLE", false),
        new Row(UpstreamFailure.Kind.POOL_EXHAUSTED, false, "OVERLOADED", false),
        new Row(UpstreamFailure.Kind.TIMEOUT, false, "OVERLOADED", false),
        new Row(UpstreamFailure.Kind.TIMEOUT, true, "UPSTREAM_TIMEOUT", true),
        new Row(UpstreamFailure.Kind.BROKEN_AFTER_SEND, true, "OUTCOME_UNKNOWN", true),
        new Row(UpstreamFailure.Kind.REPLY_TOO_LARGE, true, "OUTCOME_UNKNOWN", true))) {
      ForwardFilter filter = new ForwardFilter(Exchanges.services(vertx, "https://juspay.example"), breakers(vertx),
          answering(Future.failedFuture(new UpstreamFailure(row.kind(), row.sent(), null))));
      Outcome outcome = await(filter.onRequest(refund()));
      assertEquals(row.code(), code(outcome), row.toString());
      assertEquals(row.unknown(), ((Outcome.Refusal) outcome).sent(), row.toString());
    }
  }

  @Test
  void anInterruptionResetsTheCallAndSaysWhetherItHadGoneOut(Vertx vertx) {
    List<InFlight> handles = new ArrayList<>();
    ForwardFilter filter = new ForwardFilter(Exchanges.services(vertx, "https://juspay.example"), breakers(vertx), (call, inFlight) -> {
      handles.add(inFlight);
      return Promise.<UpstreamReply>promise().future();
    });
    Exchange ex = refund();
    Future<Outcome> step = filter.onRequest(ex);
    assertFalse(step.isComplete());
    ex.interrupt(Interruption.DEADLINE);
    Outcome.Refusal refusal = assertInstanceOf(Outcome.Refusal.class, step.result());
    assertEquals("OVERLOADED", refusal.error().code().name(), "nothing went out, and the code says so");
    assertFalse(refusal.sent(), "never handed to a connection: nothing went out");
    assertTrue(handles.get(0).cancelled());
  }

  @Test
  void anOpenCircuitRefusesBeforeAnythingIsClaimed(Vertx vertx) {
    EdgeServices services = Exchanges.services(vertx, "https://juspay.example");
    CircuitBreakers breakers = services.newBreakers();
    CircuitFilter filter = new CircuitFilter(services, breakers);
    Exchange ex = refund();
    assertEquals(Filter.CONTINUE, filter.onRequest(ex));
    for (int i = 0; i < 2; i++) {
      await(breakers.call(services.upstreamFor(ex.tenant), ex.match.route(), ex.tenant.id(), true,
          () -> Future.failedFuture(new UpstreamFailure(UpstreamFailure.Kind.UNREACHABLE, false, null)))
          .map(reply -> (Outcome) null));
    }
    UpstreamFailure open = assertThrows(UpstreamFailure.class, () -> filter.onRequest(refund()));
    GatewayError error = ((Outcome.Refusal) Outcomes.of(open)).error();
    assertEquals("OVERLOADED", error.code().name());
    assertEquals(3, error.retryAfterSeconds(), "wait as long as the breaker stays open");
  }
}
