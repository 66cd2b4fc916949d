package com.edgepay.gateway.edge;

import com.edgepay.gateway.upstream.BoundedBody;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/** Where a request's body comes from: the client's stream in production, a value in unit tests. */
interface BodySource {
  /** Collects the body; fails with {@link BoundedBody.TooLarge} past {@code limit} bytes. */
  Future<Buffer> read(int limit);

  /** Whether the client finished sending; if not, the connection cannot be reused. */
  boolean ended();

  static BodySource of(HttpServerRequest request) {
    return new BodySource() {
      @Override
      public Future<Buffer> read(int limit) {
        return BoundedBody.collect(request, limit);
      }

      @Override
      public boolean ended() {
        return request.isEnded();
      }
    };
  }
}
