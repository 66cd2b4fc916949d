package com.edgepay.gateway.idempotency;

import com.edgepay.gateway.config.IdempotencySettings;
import com.edgepay.gateway.crypto.RecordSeal;
import com.edgepay.gateway.crypto.Tokens;
import com.edgepay.gateway.routing.RoutingOutcome;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The idempotency and routing store, as the gateway sees it. On the request path each operation is
 * one script run, one round trip: per money-moving call a {@link #claim} before forwarding (claim
 * and routing bind together) and a {@link #settle} before answering; per read a
 * {@link #checkRouting}. Reconciliation leases and resolves unknown outcomes off the request path.
 */
public final class IdempotencyStore {
  private static final Logger LOG = LoggerFactory.getLogger(IdempotencyStore.class);
  private static final long SETTLE_RETRY_TIMEOUT_MS = 1_000;
  private static final int SETTLE_RETRIES = 3;
  private static final long MAX_BACKOFF_MS = 60_000;

  private final ScriptRunner scripts;
  private final IdempotencySettings settings;
  private final long commandTimeoutMs;
  private final int minReplicaAcks;
  private final RecordSeal seal;
  private final StoreHealth health;
  private final Vertx vertx;

  /**
   * @param commandTimeoutMs the least a claim or check may wait (see {@link #timeoutWithin})
   * @param minReplicaAcks replicas that must hold each claim and record
   */
  IdempotencyStore(ScriptRunner scripts, IdempotencySettings settings, long commandTimeoutMs, int minReplicaAcks,
      RecordSeal seal, StoreHealth health, Vertx vertx) {
    this.scripts = scripts;
    this.settings = settings;
    this.commandTimeoutMs = commandTimeoutMs;
    this.minReplicaAcks = minReplicaAcks;
    this.seal = seal;
    this.health = health;
    this.vertx = vertx;
  }

  /**
   * How long a claim or routing check may wait, given the request's deadline: half of what is
   * left (the other half is Juspay's), at least {@code redis.command_timeout_ms} (so a cold or busy
   * store is not refused at once), at most all of what is left.
   */
  public long timeoutWithin(long deadlineNanos) {
    long leftMs = Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000);
    return Math.min(leftMs, Math.max(commandTimeoutMs, leftMs / 2));
  }

  /** Whether money may move through this store at all (see {@link StoreHealth#evictionSafe()}). */
  public StoreHealth health() {
    return health;
  }

  /**
   * Claims a call. Its writes must reach {@code redis.min_replica_acks} replicas: a grant that did
   * not is given back (nothing is sent) and the claim fails.
   */
  public Future<ClaimResult> claim(ClaimPlan p, long timeoutMs) {
    return scripts.run(LuaScript.CLAIM, timeoutMs,
            List.of(p.recordKey(), p.lockKey(), p.orderBindingKey(), p.customerBindingKey(), p.clientKey(),
                p.orderBook(), StoreKeys.unknowns(p.tenantId()), StoreKeys.tombstone(p.tenantId(), p.token()),
                p.txnOrderKey()),
            List.of(p.token(), p.fingerprint(), p.header(), p.derived(), p.policy().name().toLowerCase(),
                Long.toString(p.claimMs()), Long.toString(settings.completedTtlMs()),
                Long.toString(settings.routingTtlMs()), p.reuseIsError() ? "1" : "0", p.kind(), p.orderId(),
                p.refundId(), Integer.toString(p.maxAttempts()), p.txnTag(), p.amountTag(),
                Long.toString(settings.reconcileGraceMs())), true)
        .compose(r -> {
          ClaimResult result = claimResult(p, r);
          if (r.replicas() < minReplicaAcks && result instanceof ClaimResult.Granted) {
            settle(new SettleRequest(p, Settlement.RELEASE, null, ""));
            return Future.failedFuture(new NotReplicated(r.replicas(), minReplicaAcks));
          }
          return Future.succeededFuture(result);
        });
  }

  /** A write reached fewer replicas than required in time: on a failover it could be lost. */
  public static final class NotReplicated extends RuntimeException {
    NotReplicated(int acked, int wanted) {
      super(acked + " of " + wanted + " replicas acknowledged", null, false, false);
    }
  }

  /** @return {@link ClaimResult.Granted} or {@link ClaimResult.RoutingRefused} */
  public Future<ClaimResult> checkRouting(RoutingCheck c, long timeoutMs) {
    return scripts.run(LuaScript.CHECK_ROUTING, timeoutMs, List.of(c.orderBindingKey(), c.customerBindingKey()),
            List.of(c.header(), c.derived(), c.policy().name().toLowerCase()))
        .map(r -> "1".equals(r.text(2))
            ? new ClaimResult.Granted(r.text(0), RoutingOutcome.of(r.text(1)), false)
            : new ClaimResult.RoutingRefused(RoutingOutcome.of(r.text(1))));
  }

  /**
   * Records a claimed call's outcome. The answer waits for it at most {@code settle_wait_ms}; if it
   * has not landed by then it is retried in the background, and meanwhile the record stays
   * unfinished: it reads as in progress until the claim's deadline, then as unknown, never free.
   *
   * @return whether the record was written in time (false: not this owner's, or not yet)
   */
  public Future<Boolean> settle(SettleRequest s) {
    return settleOnce(s, settings.settleWaitMs()).recover(slow -> {
      retrySettle(s, 1);
      return Future.succeededFuture(false);
    });
  }

  private void retrySettle(SettleRequest s, int attempt) {
    vertx.setTimer(100L * attempt, t -> settleOnce(s, SETTLE_RETRY_TIMEOUT_MS).onFailure(e -> {
      if (attempt < SETTLE_RETRIES) {
        retrySettle(s, attempt + 1);
      } else {
        LOG.error("could not record the {} outcome of a {} call after {} tries; it reads as unknown and "
            + "reconciliation will resolve it", s.settlement(), s.plan().kind(), attempt + 1);
      }
    }));
  }

  private Future<Boolean> settleOnce(SettleRequest s, long timeoutMs) {
    ClaimPlan p = s.plan();
    StoredReply reply = s.reply();
    // Juspay's answer is sealed for this record's key: Redis never holds it in clear, and a value
    // moved to another key will not open there.
    Buffer sealed = reply == null ? Buffer.buffer() : Buffer.buffer(seal.seal(StoredReplies.encode(reply), p.recordKey()));
    long keep = switch (s.settlement()) {
      case COMPLETE, UNKNOWN -> settings.completedTtlMs();
      case RELEASE, PAID -> 0;
    };
    boolean txn = !s.txnTag().isEmpty();
    return scripts.run(LuaScript.SETTLE, timeoutMs,
            List.of(p.recordKey(), StoreKeys.unknowns(p.tenantId()), StoreKeys.unknownSince(p.tenantId()),
                StoreKeys.tombstone(p.tenantId(), p.token()),
                txn ? StoreKeys.txnRouting(p.tenantId(), s.txnTag()) : StoreKeys.none(p.tenantId()),
                txn ? StoreKeys.txnOrder(p.tenantId(), s.txnTag()) : StoreKeys.none(p.tenantId())),
            List.of(p.token(), s.settlement().word(), Long.toString(keep), "", "", "", sealed,
                Long.toString(settings.routingTtlMs()), s.txnTag(), Long.toString(settings.reconcileGraceMs()),
                Long.toString(tombstoneMs(p))), true)
        // The run's own deadline (the loop's sweep) bounds it, NOSCRIPT reload included: no timer of its own.
        .compose(r -> r.replicas() < minReplicaAcks ? Future.failedFuture(new NotReplicated(r.replicas(), minReplicaAcks))
            : Future.succeededFuture(r.number() == 1L));
  }

  /**
   * A release that lands before its claim leaves a tombstone; it must outlive any claim still on its
   * way (a stalled or failing-over Redis can hold one past its deadline).
   */
  private long tombstoneMs(ClaimPlan p) {
    return 2 * (p.claimMs() + settings.claimMarginMs()) + 60_000;
  }

  /** Leases up to {@code max} of a tenant's due unknown outcomes to this caller. */
  public Future<UnknownsReport> leaseUnknowns(String tenantId, int max) {
    return lease(tenantId, StoreKeys.none(tenantId), max);
  }

  /**
   * Leases one unknown outcome now (a retry found it), unless another reconciler holds it or it is in
   * backoff ({@link UnknownsReport#waitMs()}); empty, with no wait, if it is no longer unknown.
   */
  public Future<UnknownsReport> leaseOne(String tenantId, String recordKey) {
    return lease(tenantId, recordKey, 1);
  }

  private Future<UnknownsReport> lease(String tenantId, String one, int max) {
    String token = Tokens.random128();
    return scripts.run(LuaScript.UNKNOWNS, commandTimeoutMs * 5,
            List.of(StoreKeys.unknowns(tenantId), StoreKeys.unknownSince(tenantId), one),
            List.of(token, Integer.toString(max), Long.toString(settings.reconcileGraceMs()),
                Long.toString(MAX_BACKOFF_MS)))
        .map(r -> {
          List<UnknownCall> leased = new ArrayList<>();
          int n = (int) r.integer(2);
          for (int i = 0, at = 4; i < n; i++, at += 12) {
            leased.add(new UnknownCall(tenantId, token, r.text(at), r.text(at + 1), r.text(at + 2), r.text(at + 3),
                r.text(at + 4), r.text(at + 5), r.text(at + 6), r.text(at + 7), r.text(at + 8),
                (int) r.integer(at + 9), r.integer(at + 10), r.integer(at + 11)));
          }
          return new UnknownsReport(r.integer(0), r.integer(1), leased, r.integer(3));
        });
  }

  /**
   * Writes reconciliation's verdict on a leased unknown outcome.
   *
   * @param report what Juspay showed (kept, and given to retries, when the call took effect)
   * @param newestTxnTag the order's newest txn, as a keyed tag, or ""
   * @return false when the lease was lost or someone else resolved it first
   */
  public Future<Boolean> resolve(UnknownCall call, boolean tookEffect, String report, String newestTxnTag) {
    Buffer sealed = report.isEmpty() ? Buffer.buffer()
        : Buffer.buffer(seal.seal(report.getBytes(StandardCharsets.UTF_8), reportKey(call.recordKey())));
    String tenant = call.tenantId();
    boolean txn = tookEffect && call.kind().equals("txns") && !newestTxnTag.isEmpty();
    return scripts.run(LuaScript.RESOLVE, commandTimeoutMs * 5,
            List.of(call.recordKey(), StoreKeys.unknowns(tenant), StoreKeys.unknownSince(tenant),
                txn ? StoreKeys.txnRouting(tenant, newestTxnTag) : StoreKeys.none(tenant),
                txn ? StoreKeys.txnOrder(tenant, newestTxnTag) : StoreKeys.none(tenant)),
            List.of(call.leaseToken(), tookEffect ? "took" : "not", Long.toString(settings.completedTtlMs()),
                sealed, newestTxnTag, Long.toString(settings.routingTtlMs())))
        .map(r -> r.number() == 1L);
  }

  /** Reads every writable node's eviction policy into {@link #health()}; true when it changed. */
  public Future<Boolean> checkEviction() {
    return scripts.evictionPolicies().map(health::evictionPolicies);
  }

  /** Where a record's reconciliation report is sealed: bound to the record, apart from its answer. */
  private static String reportKey(String recordKey) {
    return recordKey + "#juspay";
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

  private ClaimResult claimResult(ClaimPlan p, ScriptReply r) {
    String outcome = r.text(0);
    if (outcome.equals("refused")) {
      return new ClaimResult.RoutingRefused(RoutingOutcome.of(r.text(1)));
    }
    String rid = r.text(1);
    RoutingOutcome routing = RoutingOutcome.of(r.text(2));
    try {
      return switch (outcome) {
        case "new" -> new ClaimResult.Granted(rid, routing, "1".equals(r.text(3)));
        case "replay" -> new ClaimResult.Replay(rid, routing,
            StoredReplies.decode(seal.open(r.bytes(6).getBytes(), p.recordKey())));
        case "processed" -> new ClaimResult.Processed(rid, routing,
            new String(seal.open(r.bytes(3).getBytes(), reportKey(p.recordKey())), StandardCharsets.UTF_8));
        case "in_progress" -> new ClaimResult.InProgress(rid, routing, Long.parseLong(r.text(3)));
        case "unknown" -> new ClaimResult.Unknown(rid, routing, r.text(3));
        case "key_reused" -> new ClaimResult.KeyReused(rid, routing);
        case "attempt_limit" -> new ClaimResult.AttemptLimit(rid, routing);
        case "cancelled" -> new ClaimResult.Cancelled(rid, routing);
        default -> throw new IllegalStateException("unexpected claim outcome " + outcome);
      };
    } catch (RecordSeal.Unopenable | IllegalArgumentException broken) {
      // Never replay what cannot be authenticated: it may be forged, moved or damaged.
      LOG.error("a stored {} record did not open ({}); answering as unknown", p.kind(), broken.getMessage());
      return new ClaimResult.Unreadable(rid, routing);
    }
  }
}
