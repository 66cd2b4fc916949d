package com.edgepay.gateway.idempotency;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.concurrent.TimeUnit;

/** Whether a Redis answers at a URL: the demo's choice between Redis and memory. */
public final class RedisProbe {
  private RedisProbe() {
  }

  public static Future<Boolean> reachable(Vertx vertx, String url) {
    Redis client = Redis.createClient(vertx, url);
    return client.send(Request.cmd(Command.PING))
        .timeout(500, TimeUnit.MILLISECONDS)
        .map(pong -> true)
        .otherwise(false)
        .eventually(client::close);
  }
}
