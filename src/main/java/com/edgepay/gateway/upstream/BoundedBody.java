package com.edgepay.gateway.upstream;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/** Collects a request or response body, failing as soon as it passes a size limit. */
public final class BoundedBody {
  /** The body passed its limit; what was read is dropped. */
  public static final class TooLarge extends RuntimeException {
    public TooLarge() {
      super("body too large", null, false, false);
    }
  }

  private BoundedBody() {
  }

  /** Must be called before the stream delivers data: in the same event-loop turn that received it. */
  public static Future<Buffer> collect(ReadStream<Buffer> stream, int limit) {
    Promise<Buffer> promise = Promise.promise();
    Buffer body = Buffer.buffer();
    stream.exceptionHandler(promise::tryFail);
    stream.endHandler(v -> promise.tryComplete(body));
    stream.handler(chunk -> {
      if (body.length() + chunk.length() > limit) {
        stream.handler(null);
        promise.tryFail(new TooLarge());
      } else {
        body.appendBuffer(chunk);
      }
    });
    return promise.future();
  }
}
