package com.edgepay.gateway.edge;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives an exchange through the filters in order and back out in reverse (the shape of
 * vertx-http-proxy's interceptor chain and Envoy's decoder/encoder filters). Head filters run in
 * one go; a body filter that completes at once is chained without allocating anything, so only
 * real I/O suspends the walk. Then the answer is written.
 */
final class FilterChain {
  private static final Logger LOG = LoggerFactory.getLogger(FilterChain.class);

  private final Filter.OnHead[] head;
  private final Filter.OnBody[] body;
  private final Filter[] all;
  private final BiConsumer<Exchange, Outcome> answer;

  /**
   * @param head filters on the request head, in order
   * @param readBody the filter that reads the body: the one step between the phases
   * @param afterBody the rest, in order; the last one must always produce an outcome
   * @param answer writes the answer once every outbound half has run
   */
  FilterChain(List<Filter.OnHead> head, ReadBodyFilter readBody, List<Filter.OnBody> afterBody,
      BiConsumer<Exchange, Outcome> answer) {
    this.head = head.toArray(Filter.OnHead[]::new);
    this.body = new Filter.OnBody[afterBody.size() + 1];
    this.body[0] = readBody;
    for (int i = 0; i < afterBody.size(); i++) {
      this.body[i + 1] = afterBody.get(i);
    }
    this.all = new Filter[this.head.length + this.body.length];
    System.arraycopy(this.head, 0, all, 0, this.head.length);
    System.arraycopy(this.body, 0, all, this.head.length, this.body.length);
    this.answer = answer;
  }

  void run(Exchange ex) {
    for (int i = 0; i < head.length; i++) {
      Outcome stop;
      try {
        stop = head[i].onRequest(ex);
      } catch (RuntimeException e) {
        stop = failed(ex, e);
      }
      if (stop != null) {
        unwind(ex, i, stop);
        return;
      }
    }
    resume(ex, 0);
  }

  private void resume(Exchange ex, int from) {
    for (int i = from; i < body.length; i++) {
      int position = head.length + i;
      if (ex.interruption() != null) {
        unwind(ex, position - 1, Outcomes.interrupted(ex.interruption(), false));
        return;
      }
      Future<Outcome> step;
      try {
        step = body[i].onRequest(ex);
      } catch (RuntimeException e) {
        step = Future.failedFuture(e);
      }
      if (!step.isComplete()) {
        int at = i;
        step.onComplete(done -> afterStep(ex, at, done));
        return;
      }
      Outcome stop = outcomeOf(ex, step);
      if (stop != null) {
        unwind(ex, position, stop);
        return;
      }
    }
    unwind(ex, all.length - 1, failed(ex, new IllegalStateException("no filter produced an outcome")));
  }

  private void afterStep(Exchange ex, int at, AsyncResult<Outcome> done) {
    Outcome stop = outcomeOf(ex, done);
    if (stop != null) {
      unwind(ex, head.length + at, stop);
    } else {
      resume(ex, at + 1);
    }
  }

  private static Outcome outcomeOf(Exchange ex, AsyncResult<Outcome> step) {
    return step.succeeded() ? step.result() : failed(ex, step.cause());
  }

  private static Outcome failed(Exchange ex, Throwable failure) {
    if (!Outcomes.expected(failure)) {
      LOG.error("unexpected failure on {} (request {})", ex.routeLabel(), ex.requestId, failure);
    }
    return Outcomes.of(failure);
  }

  /** Outbound halves from {@code from} down to the first filter, then the answer. */
  private void unwind(Exchange ex, int from, Outcome outcome) {
    ex.answering();
    for (int i = from; i >= 0; i--) {
      Future<Void> out;
      try {
        out = all[i].onResponse(ex, outcome);
      } catch (RuntimeException e) {
        LOG.error("outbound half of {} failed for request {}", all[i].getClass().getSimpleName(), ex.requestId, e);
        out = Filter.DONE;
      }
      if (!out.isComplete()) {
        int next = i - 1;
        out.onComplete(v -> unwind(ex, next, outcome));
        return;
      }
    }
    answer.accept(ex, outcome);
  }
}
