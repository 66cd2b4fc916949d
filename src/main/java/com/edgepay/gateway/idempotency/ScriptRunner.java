package com.edgepay.gateway.idempotency;

import io.vertx.core.Future;
import java.util.List;

/**
 * Runs the store's Lua scripts ({@code src/main/resources/lua}) atomically: in Redis, or, for the
 * demo without Redis, in this JVM. Both run the very same script text, so the money rules exist
 * once.
 */
interface ScriptRunner {
  /**
   * @param args strings, or a {@link io.vertx.core.buffer.Buffer} for binary values
   * @param timeoutMs how long the caller will wait for the answer
   */
  Future<ScriptReply> run(LuaScript script, long timeoutMs, List<String> keys, List<Object> args);

  /** Opens connections and loads scripts before traffic arrives. Never fails. */
  Future<Void> warmUp();

  /** A health probe; not on the request path. */
  Future<Void> ping();

  Future<Void> close();
}
