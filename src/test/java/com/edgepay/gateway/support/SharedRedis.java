package com.edgepay.gateway.support;

/**
 * One real Redis for every gateway fixture in this test JVM, started on first use. Test classes
 * run one after another, and each fixture flushes it, so no class sees another's records.
 */
public final class SharedRedis {
  private static RedisServer server;

  private SharedRedis() {
  }

  public static synchronized RedisServer get() {
    if (server == null) {
      server = RedisServer.start();
      Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    }
    return server;
  }

  /** Empties it and returns its URL. */
  public static String fresh() {
    RedisServer redis = get();
    redis.command("FLUSHALL");
    return redis.url();
  }
}
