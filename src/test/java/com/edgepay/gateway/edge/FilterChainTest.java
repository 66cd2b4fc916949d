package com.edgepay.gateway.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.edgepay.gateway.api.ErrorCode;
import com.edgepay.gateway.api.GatewayError;
import com.edgepay.gateway.idempotency.StoredReply;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The driver alone: order in, reverse order out, for every way a request can end. */
class FilterChainTest {
  private final List<String> trace = new ArrayList<>();
  private final List<Outcome> answers = new ArrayList<>();
  private static final Outcome.Replay DONE_OUTCOME =
      new Outcome.Replay(new StoredReply(200, "application/json", null, Buffer.buffer("{}")));

  private Filter.OnHead head(String name, Function<Exchange, Outcome> in) {
    return new Filter.OnHead() {
      @Override
      public Outcome onRequest(Exchange ex) {
        trace.add("in:" + name);
        return in.apply(ex);
      }

      @Override
      public Future<Void> onResponse(Exchange ex, Outcome outcome) {
        trace.add("out:" + name);
        return DONE;
      }
    };
  }

  private Filter.OnBody body(String name, Function<Exchange, Future<Outcome>> in) {
    return body(name, in, ex -> Filter.DONE);
  }

  private Filter.OnBody body(String name, Function<Exchange, Future<Outcome>> in, Function<Exchange, Future<Void>> out) {
    return new Filter.OnBody() {
      @Override
      public Future<Outcome> onRequest(Exchange ex) {
        trace.add("in:" + name);
        return in.apply(ex);
      }

      @Override
      public Future<Void> onResponse(Exchange ex, Outcome outcome) {
        trace.add("out:" + name);
        return out.apply(ex);
      }
    };
  }

  private FilterChain chain(List<Filter.OnHead> head, List<Filter.OnBody> rest) {
    return new FilterChain(head, new ReadBodyFilter(1024), rest, (ex, outcome) -> {
      trace.add("answer:" + outcome.status());
      answers.add(outcome);
    });
  }

  private static Exchange get() {
    return Exchanges.routed(HttpMethod.GET, "/orders/o1", Exchanges.acme());
  }


  @Test
  void requestsGoDownAndAnswersComeBackUpInReverse() {
    chain(List.of(head("a", ex -> null), head("b", ex -> null)),
        List.of(body("c", ex -> Filter.CONTINUE), body("d", ex -> Future.succeededFuture(DONE_OUTCOME))))
        .run(get());
    assertEquals(List.of("in:a", "in:b", "in:c", "in:d", "out:d", "out:c", "out:b", "out:a", "answer:200"), trace);
    assertSame(DONE_OUTCOME, answers.get(0));
  }

  @Test
  void aHeadRefusalUnwindsFromTheRefusingFilterAndRunsNothingAfterIt() {
    chain(List.of(head("a", ex -> null), head("b", ex -> {
      throw GatewayError.of(ErrorCode.UNAUTHORIZED, "no");
    }), head("c", ex -> null)), List.of(body("d", ex -> Filter.CONTINUE))).run(get());
    assertEquals(List.of("in:a", "in:b", "out:b", "out:a", "answer:401"), trace);
    Outcome.Refusal refusal = assertInstanceOf(Outcome.Refusal.class, answers.get(0));
    assertFalse(refusal.sent());
  }

  @Test
  void aBodyFilterMayWaitAndTheWalkResumesWhereItStopped() {
    Promise<Outcome> slow = Promise.promise();
    chain(List.of(head("a", ex -> null)),
        List.of(body("b", ex -> slow.future()), body("c", ex -> Future.succeededFuture(DONE_OUTCOME)))).run(get());
    assertEquals(List.of("in:a", "in:b"), trace);
    slow.complete();
    assertEquals(List.of("in:a", "in:b", "in:c", "out:c", "out:b", "out:a", "answer:200"), trace);
  }

  @Test
  void aPendingOutboundHalfHoldsTheAnswerAndTheFiltersOutsideIt() {
    Promise<Void> recording = Promise.promise();
    chain(List.of(head("a", ex -> null)),
        List.of(body("b", ex -> Filter.CONTINUE, ex -> recording.future()),
            body("c", ex -> Future.succeededFuture(DONE_OUTCOME)))).run(get());
    assertEquals(List.of("in:a", "in:b", "in:c", "out:c", "out:b"), trace);
    assertTrue(answers.isEmpty(), "nothing may be answered before the outbound half completes");
    recording.complete();
    assertEquals(List.of("in:a", "in:b", "in:c", "out:c", "out:b", "out:a", "answer:200"), trace);
  }

  @Test
  void aBugIsAPlain500AndStillUnwindsEverything() {
    chain(List.of(head("a", ex -> null)), List.of(body("b", ex -> {
      throw new IllegalStateException("card 4242424242424242");
    }))).run(get());
    assertEquals(List.of("in:a", "in:b", "out:b", "out:a", "answer:500"), trace);
    assertEquals("INTERNAL_ERROR", Exchanges.code(answers.get(0)));
  }

  @Test
  void aFailingOutboundHalfDoesNotStopTheOthersOrTheAnswer() {
    chain(List.of(head("a", ex -> null)), List.of(body("b", ex -> Future.succeededFuture(DONE_OUTCOME), ex -> {
      throw new IllegalStateException("outbound bug");
    }))).run(get());
    assertEquals(List.of("in:a", "in:b", "out:b", "out:a", "answer:200"), trace);
  }

  @Test
  void anInterruptionWhileWaitingEndsThePathBeforeTheNextFilter() {
    Promise<Outcome> claim = Promise.promise();
    Exchange ex = get();
    chain(List.of(head("a", e -> null)),
        List.of(body("b", e -> claim.future()), body("c", e -> Future.succeededFuture(DONE_OUTCOME)))).run(ex);
    assertTrue(ex.interrupt(Interruption.DEADLINE));
    claim.complete();
    assertEquals(List.of("in:a", "in:b", "out:b", "out:a", "answer:503"), trace);
    Outcome.Refusal refusal = assertInstanceOf(Outcome.Refusal.class, answers.get(0));
    assertFalse(refusal.sent(), "nothing went out: the next filter never ran");
    assertEquals(ErrorCode.OVERLOADED, refusal.error().code(), "nothing sent: a code that says so");
    assertFalse(ex.interrupt(Interruption.SHUTDOWN), "an exchange is interrupted once");
  }

  @Test
  void aWaitingStepIsStoppedThroughTheHandlerItRegistered() {
    Exchange ex = get();
    Promise<Outcome> call = Promise.promise();
    chain(List.of(), List.of(body("forward", e -> {
      e.onInterrupt(() -> call.tryComplete(Outcomes.interrupted(e.interruption(), true)));
      return call.future();
    }))).run(ex);
    ex.interrupt(Interruption.SHUTDOWN);
    Outcome.Refusal refusal = assertInstanceOf(Outcome.Refusal.class, answers.get(0));
    assertTrue(refusal.sent());
    assertEquals(ErrorCode.OUTCOME_UNKNOWN_AFTER_SEND, refusal.error().code(), "sent, then shut down: unknown");
    assertEquals(502, refusal.status());
  }

  @Test
  void nothingInterruptsARequestOnceItIsBeingAnswered() {
    Exchange ex = get();
    Promise<Void> recording = Promise.promise();
    chain(List.of(), List.of(body("claim", e -> Future.succeededFuture(DONE_OUTCOME), e -> recording.future())))
        .run(ex);
    assertFalse(ex.interrupt(Interruption.DEADLINE), "the deadline passing during the settle changes nothing");
    recording.complete();
    assertEquals(200, answers.get(0).status());
  }

  @Test
  void aPathWithoutAnOutcomeIsABug() {
    chain(List.of(), List.of(body("b", ex -> Filter.CONTINUE))).run(get());
    assertEquals("INTERNAL_ERROR", Exchanges.code(answers.get(0)));
  }
}
