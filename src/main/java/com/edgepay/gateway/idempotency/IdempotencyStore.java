package com.edgepay.gateway.idempotency;

import com.edgepay.gateway.config.IdempotencySettings;
import com.edgepay.gateway.routing.RoutingOutcome;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * The idempotency and routing store, as the request path sees it. Per money-moving call: one
 * {@link #claim} before forwarding (claim and routing bind together) and one {@link #settle}
 * after. Per read: one {@link #checkRouting}. Each is one script run, one round trip.
 */
public final class IdempotencyStore {
  private static final long SETTLE_TIMEOUT_FLOOR_MS = 1_000;

  private final ScriptRunner scripts;
  private final IdempotencySettings settings;
  private final long commandTimeoutMs;
  private final long settleTimeoutMs;

  IdempotencyStore(ScriptRunner scripts, IdempotencySettings settings, long commandTimeoutMs) {
    this.scripts = scripts;
    this.settings = settings;
    this.commandTimeoutMs = commandTimeoutMs;
    this.settleTimeoutMs = Math.max(SETTLE_TIMEOUT_FLOOR_MS, 10 * commandTimeoutMs);
  }

  public Future<ClaimResult> claim(ClaimPlan p) {
    return scripts.run(LuaScript.CLAIM, commandTimeoutMs,
            List.of(p.recordKey(), p.lockKey(), p.orderBindingKey(), p.customerBindingKey()),
            List.of(p.owner(), p.fingerprint(), p.header(), p.derived(), p.policy().name().toLowerCase(),
                Long.toString(p.claimMs()), Long.toString(settings.unknownQuarantineMs()),
                Long.toString(settings.routingTtlMs()), p.reuseIsError() ? "1" : "0"))
        .map(IdempotencyStore::claimResult);
  }

  /** @return {@link ClaimResult.Granted} or {@link ClaimResult.RoutingRefused} */
  public Future<ClaimResult> checkRouting(RoutingCheck c) {
    return scripts.run(LuaScript.CHECK_ROUTING, commandTimeoutMs, List.of(c.orderBindingKey(), c.customerBindingKey()),
            List.of(c.header(), c.derived(), c.policy().name().toLowerCase()))
        .map(r -> "1".equals(r.text(2))
            ? new ClaimResult.Granted(r.text(0), RoutingOutcome.of(r.text(1)))
            : new ClaimResult.RoutingRefused(RoutingOutcome.of(r.text(1))));
  }

  /**
   * Records a claimed call's outcome. It may wait and retry: giving up would leave a call that
   * succeeded reading as unknown.
   *
   * @return whether the record was written (false: the claim is no longer this owner's)
   */
  public Future<Boolean> settle(SettleRequest s) {
    return settleOnce(s).recover(first -> settleOnce(s));
  }

  private Future<Boolean> settleOnce(SettleRequest s) {
    StoredReply reply = s.reply();
    long keep = switch (s.settlement()) {
      case COMPLETE -> settings.completedTtlMs();
      case UNKNOWN -> settings.unknownQuarantineMs();
      case RELEASE -> 0;
    };
    return scripts.run(LuaScript.SETTLE, settleTimeoutMs, List.of(s.recordKey(), s.lockKey(), s.txnBindingKey()),
            List.of(s.owner(), s.settlement().name().toLowerCase(), Long.toString(keep),
                reply == null ? "" : Integer.toString(reply.status()),
                reply == null || reply.contentType() == null ? "" : reply.contentType(),
                reply == null || reply.location() == null ? "" : reply.location(),
                reply == null ? Buffer.buffer() : reply.body(),
                s.txnRoutingId() == null ? "" : s.txnRoutingId(), Long.toString(settings.routingTtlMs())))
        .map(r -> r.number() == 1L);
  }

  /** Before traffic: connections open, scripts loaded. Never fails (Redis may be down at start). */
  public Future<Void> warmUp() {
    return scripts.warmUp();
  }

  public Future<Void> ping() {
    return scripts.ping();
  }

  public Future<Void> close() {
    return scripts.close();
  }

  private static ClaimResult claimResult(ScriptReply r) {
    String outcome = r.text(0);
    if (outcome.equals("refused")) {
      return new ClaimResult.RoutingRefused(RoutingOutcome.of(r.text(1)));
    }
    String rid = r.text(1);
    RoutingOutcome routing = RoutingOutcome.of(r.text(2));
    return switch (outcome) {
      case "new" -> new ClaimResult.Granted(rid, routing);
      case "replay" -> new ClaimResult.Replay(rid, routing, new StoredReply(Integer.parseInt(r.text(3)),
          emptyToNull(r.text(4)), emptyToNull(r.text(5)), r.bytes(6)));
      case "in_progress" -> new ClaimResult.InProgress(rid, routing, Long.parseLong(r.text(3)));
      case "unknown" -> new ClaimResult.Unknown(rid, routing, Long.parseLong(r.text(3)));
      case "key_reused" -> new ClaimResult.KeyReused(rid, routing);
      default -> throw new IllegalStateException("unexpected claim outcome " + outcome);
    };
  }

  private static String emptyToNull(String s) {
    return s.isEmpty() ? null : s;
  }
}
