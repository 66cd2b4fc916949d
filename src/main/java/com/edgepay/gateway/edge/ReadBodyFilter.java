package com.edgepay.gateway.edge;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpHeaders;

/**
 * Reads the body (413 past the limit, 415 for anything but a form or flat JSON in UTF-8, 400 when
 * malformed) into the one form that is validated, fingerprinted and sent. The step between the
 * two phases: everything before it runs on the head alone and cannot wait.
 */
final class ReadBodyFilter implements Filter.OnBody {
  private final int limit;

  ReadBodyFilter(int limit) {
    this.limit = limit;
  }

  @Override
  public Future<Outcome> onRequest(Exchange ex) {
    if (ex.match.route().isRead()) {
      return CONTINUE;
    }
    if (declaredLength(ex) > limit) {
      return Future.succeededFuture(Outcome.Refusal.unsent(Outcomes.tooLarge(limit)));
    }
    String contentType = ex.head.headers().get(HttpHeaders.CONTENT_TYPE);
    Promise<Outcome> done = Promise.promise();
    ex.onInterrupt(() -> done.tryComplete(Outcomes.interrupted(ex.interruption(), false)));
    ex.bodySource.read(limit).onComplete(read -> {
      ex.onInterrupt(null);
      if (read.failed()) {
        done.tryFail(read.cause());
        return;
      }
      try {
        ex.hasBody = true;
        if (read.result().length() > 0) {
          ex.form = BodyType.of(contentType).parse(read.result());
        }
        done.tryComplete();
      } catch (RuntimeException refused) {
        done.tryFail(refused);
      }
    });
    return done.future();
  }

  private static long declaredLength(Exchange ex) {
    String declared = ex.head.headers().get(HttpHeaders.CONTENT_LENGTH);
    if (declared == null) {
      return -1;
    }
    try {
      return Long.parseLong(declared.trim());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }
}
