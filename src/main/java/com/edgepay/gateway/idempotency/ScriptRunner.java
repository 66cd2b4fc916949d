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
   * @param timeoutMs how long the caller will wait for the answer: the run fails with a
   *     {@link java.util.concurrent.TimeoutException} by then, so callers arm no timer of their own
   */
  default Future<ScriptReply> run(LuaScript script, long timeoutMs, List<String> keys, List<Object> args) {
    return run(script, timeoutMs, keys, args, false);
  }

  /**
   * @param replicated whether the script's writes must reach the configured replicas ({@code WAIT}
   *     on the connection that ran it); {@link ScriptReply#replicas()} then says how many did
   */
  Future<ScriptReply> run(LuaScript script, long timeoutMs, List<String> keys, List<Object> args, boolean replicated);

  /** Redis's maxmemory_policy on every node that takes writes (one for standalone and sentinel). */
  default Future<List<String>> evictionPolicies() {
    return Future.succeededFuture(List.of("noeviction"));
  }

  /** Opens connections and loads scripts before traffic arrives. Never fails. */
  Future<Void> warmUp();

  /** A health probe; not on the request path. */
  Future<Void> ping();

  Future<Void> close();
}
