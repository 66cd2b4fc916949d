package com.edgepay.gateway.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.edgepay.gateway.api.ApiRoute;
import com.edgepay.gateway.config.UpstreamEndpoint;
import com.edgepay.gateway.metrics.MetricsSetup;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The breakers' fairness: a tenant's own failures (its shortened deadlines above all) stop only its
 * own calls; the route closes for everyone only when several tenants fail at once.
 */
class CircuitBreakersTest {
  private static final UpstreamEndpoint JUSPAY = UpstreamEndpoint.parse("https://api.juspay.in");
  private static final ApiRoute STATUS = ApiRoute.ORDER_STATUS;
  private final PrometheusMeterRegistry registry = MetricsSetup.newRegistry();
  private final CircuitBreakers breakers = new CircuitBreakers(3, 10_000, 60_000, 2, new CircuitStates(registry));
  private final AtomicInteger sent = new AtomicInteger();

  private Future<UpstreamReply> fail(String tenant, UpstreamFailure failure, boolean timeoutsCount) {
    return breakers.call(JUSPAY, STATUS, tenant, timeoutsCount, () -> {
      sent.incrementAndGet();
      return Future.failedFuture(failure);
    });
  }

  private Future<UpstreamReply> answer(String tenant, int status) {
    return breakers.call(JUSPAY, STATUS, tenant, true, () -> {
      sent.incrementAndGet();
      return Future.succeededFuture(new UpstreamReply(status, "application/json", null, Buffer.buffer("{}")));
    });
  }

  private static UpstreamFailure timeoutAfterSend() {
    return new UpstreamFailure(UpstreamFailure.Kind.TIMEOUT, true, null);
  }

  private static boolean refusedOpen(Future<UpstreamReply> f) {
    return f.failed() && f.cause() instanceof UpstreamFailure u && u.kind() == UpstreamFailure.Kind.CIRCUIT_OPEN;
  }

  @Test
  void timeoutsOfADeadlineTheClientShortenedNeverCount() {
    for (int i = 0; i < 50; i++) {
      assertFalse(refusedOpen(fail("mallory", timeoutAfterSend(), false)));
    }
    assertFalse(breakers.isOpen(JUSPAY, STATUS, "mallory"), "its own short deadlines are not Juspay failing");
    assertEquals(50, sent.get());
  }

  @Test
  void oneTenantsFailuresOpenOnlyItsOwnCircuit() {
    for (int i = 0; i < 3; i++) {
      fail("mallory", timeoutAfterSend(), true);
      answer("mallory", 503);
    }
    assertTrue(breakers.isOpen(JUSPAY, STATUS, "mallory"));
    assertTrue(refusedOpen(answer("mallory", 200)), "its own calls now fail fast, nothing sent");
    assertFalse(breakers.isOpen(JUSPAY, STATUS, "acme"), "another tenant's calls still go");
    Future<UpstreamReply> acme = answer("acme", 200);
    assertEquals(200, acme.result().status());
    assertEquals("1.0", gauge(), "one tenant's own circuit is open; the route's is not");
  }

  @Test
  void theRouteClosesForEveryoneOnlyWhenSeveralTenantsFailAtOnce() {
    for (String tenant : new String[] {"acme", "globex"}) {
      for (int i = 0; i < 3; i++) {
        answer(tenant, 502);
      }
    }
    assertTrue(breakers.isOpen(JUSPAY, STATUS, "initech"), "two tenants' circuits open: Juspay is failing");
    int before = sent.get();
    assertTrue(refusedOpen(answer("initech", 200)));
    assertEquals(before, sent.get(), "nothing was sent");
    assertEquals("2.0", gauge());
  }

  @Test
  void fourHundredsAndOurOwnLimitsAreNotJuspayFailing() {
    for (int i = 0; i < 10; i++) {
      answer("acme", 400);
      fail("acme", new UpstreamFailure(UpstreamFailure.Kind.POOL_EXHAUSTED, false, null), true);
      fail("acme", new UpstreamFailure(UpstreamFailure.Kind.TIMEOUT, false, null), true);
    }
    assertFalse(breakers.isOpen(JUSPAY, STATUS, "acme"));
  }

  @Test
  void anOpenCircuitLetsOneTrialThroughAfterItsResetAndASuccessClosesIt() throws InterruptedException {
    CircuitBreakers quick = new CircuitBreakers(2, 10_000, 50, 2, new CircuitStates(registry));
    Future<UpstreamReply> down = Future.failedFuture(new UpstreamFailure(UpstreamFailure.Kind.UNREACHABLE, false, null));
    quick.call(JUSPAY, STATUS, "acme", true, () -> down);
    quick.call(JUSPAY, STATUS, "acme", true, () -> down);
    assertTrue(quick.isOpen(JUSPAY, STATUS, "acme"));
    Thread.sleep(60);
    io.vertx.core.Promise<UpstreamReply> trial = io.vertx.core.Promise.promise();
    Future<UpstreamReply> first = quick.call(JUSPAY, STATUS, "acme", true, trial::future);
    assertTrue(refusedOpen(quick.call(JUSPAY, STATUS, "acme", true, () -> down)), "one trial at a time");
    trial.complete(new UpstreamReply(200, "application/json", null, Buffer.buffer("{}")));
    assertSame(trial.future().result(), first.result());
    assertFalse(quick.isOpen(JUSPAY, STATUS, "acme"), "the trial succeeded: closed");
  }

  private String gauge() {
    return String.valueOf(registry.find("gateway.circuit.state").tag("route", STATUS.template()).gauge().value());
  }
}
