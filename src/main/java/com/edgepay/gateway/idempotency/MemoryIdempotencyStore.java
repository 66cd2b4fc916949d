package com.edgepay.gateway.idempotency;

import com.edgepay.gateway.config.IdempotencySettings;
import com.edgepay.gateway.routing.RoutingIdPolicy;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;

/**
 * The store in this JVM's memory, for {@code demo} without Redis only: replicas would not share
 * it and a restart forgets it. It mirrors {@code lua/*.lua} step for step; the store contract test
 * suite runs against both to keep them the same.
 */
public final class MemoryIdempotencyStore implements IdempotencyStore {
  private final IdempotencySettings settings;
  private final Map<String, Entry> data = new HashMap<>();
  private int claimsSinceSweep;

  /** A string or a hash, with its expiry (epoch ms, or 0 for none). */
  private static final class Entry {
    String value;
    Map<String, Object> hash;
    long expiresAt;
  }

  public MemoryIdempotencyStore(IdempotencySettings settings) {
    this.settings = settings;
  }

  @Override
  public synchronized Future<ClaimResult> claim(ClaimPlan p) {
    long now = System.currentTimeMillis();
    sweepNowAndThen(now);
    String[] routed = routing(p.orderBindingKey(), p.customerBindingKey(), p.header(), p.derived(), p.policy(), now);
    if (routed[0] == null) {
      return Future.succeededFuture(new ClaimResult.RoutingRefused(routed[1]));
    }
    String rid = routed[0];
    String outcome = routed[1];
    Map<String, Object> rec = hash(p.recordKey(), now);
    if (rec != null && "C".equals(rec.get("st"))) {
      if (p.fingerprint().equals(rec.get("fp"))) {
        StoredReply reply = (StoredReply) rec.get("reply");
        return Future.succeededFuture(new ClaimResult.Replay(rid, outcome, reply));
      }
      if (p.reuseIsError()) {
        return Future.succeededFuture(new ClaimResult.KeyReused(rid, outcome));
      }
    }
    ClaimResult busy = busy(p.recordKey(), rid, outcome, now);
    String holder = get(p.lockKey(), now);
    if (busy == null && holder != null && !holder.equals(p.recordKey())) {
      busy = busy(holder, rid, outcome, now);
    }
    if (busy != null) {
      return Future.succeededFuture(busy);
    }
    Map<String, Object> claimed = new HashMap<>();
    claimed.put("st", "I");
    claimed.put("own", p.owner());
    claimed.put("fp", p.fingerprint());
    claimed.put("exp", now + p.claimMs());
    long hold = p.claimMs() + settings.unknownQuarantineMs();
    putHash(p.recordKey(), claimed, now + hold);
    set(p.lockKey(), p.recordKey(), now + hold);
    bind(p.orderBindingKey(), p.customerBindingKey(), rid, now);
    return Future.succeededFuture(new ClaimResult.Granted(rid, outcome));
  }

  @Override
  public synchronized Future<ClaimResult> checkRouting(RoutingCheck c) {
    String[] routed = routing(c.orderBindingKey(), c.customerBindingKey(), c.header(), c.derived(), c.policy(),
        System.currentTimeMillis());
    return Future.succeededFuture(routed[0] == null ? new ClaimResult.RoutingRefused(routed[1])
        : new ClaimResult.Granted(routed[0], routed[1]));
  }

  @Override
  public synchronized Future<Boolean> settle(SettleRequest s) {
    long now = System.currentTimeMillis();
    Map<String, Object> rec = hash(s.recordKey(), now);
    if (rec == null || !"I".equals(rec.get("st")) || !s.owner().equals(rec.get("own"))) {
      return Future.succeededFuture(false);
    }
    boolean holdsLock = s.recordKey().equals(get(s.lockKey(), now));
    switch (s.settlement()) {
      case COMPLETE -> {
        rec.put("st", "C");
        rec.put("reply", s.reply());
        rec.remove("exp");
        data.get(s.recordKey()).expiresAt = now + settings.completedTtlMs();
        if (holdsLock) {
          data.remove(s.lockKey());
        }
        if (!StoreKeys.isNone(s.txnBindingKey()) && s.txnRoutingId() != null && !s.txnRoutingId().isEmpty()) {
          set(s.txnBindingKey(), s.txnRoutingId(), now + settings.routingTtlMs());
        }
      }
      case RELEASE -> {
        data.remove(s.recordKey());
        if (holdsLock) {
          data.remove(s.lockKey());
        }
      }
      case UNKNOWN -> {
        rec.put("st", "U");
        data.get(s.recordKey()).expiresAt = now + settings.unknownQuarantineMs();
        if (holdsLock) {
          data.get(s.lockKey()).expiresAt = now + settings.unknownQuarantineMs();
        }
      }
    }
    return Future.succeededFuture(true);
  }

  @Override
  public Future<Void> ping() {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }

  /** lua/routing.lua's routing(): {effective or null, outcome}. */
  private String[] routing(String okey, String ckey, String header, String derived, RoutingIdPolicy policy, long now) {
    String bo = StoreKeys.isNone(okey) ? null : get(okey, now);
    String bc = StoreKeys.isNone(ckey) ? null : get(ckey, now);
    String bound = bo != null ? bo : bc;
    if (!header.isEmpty()) {
      if ((bo != null && !bo.equals(header)) || (bc != null && !bc.equals(header))) {
        return policy == RoutingIdPolicy.REWRITE ? new String[] {bound, "rewritten"}
            : new String[] {null, "mismatched"};
      }
      return new String[] {header, bound != null ? "matched" : "bound"};
    }
    if (policy == RoutingIdPolicy.REQUIRE) {
      return new String[] {null, "required"};
    }
    if (bound != null) {
      return new String[] {bound, "matched"};
    }
    return derived.isEmpty() ? new String[] {"", "none"} : new String[] {derived, "bound"};
  }

  /** lua/routing.lua's bind(). */
  private void bind(String okey, String ckey, String rid, long now) {
    if (rid.isEmpty()) {
      return;
    }
    long until = now + settings.routingTtlMs();
    if (!StoreKeys.isNone(okey) && get(okey, now) == null) {
      set(okey, rid, until);
    }
    if (!StoreKeys.isNone(ckey)) {
      if (get(ckey, now) == null) {
        set(ckey, rid, until);
      } else {
        data.get(ckey).expiresAt = until;
      }
    }
  }

  private ClaimResult busy(String key, String rid, String outcome, long now) {
    Map<String, Object> rec = hash(key, now);
    if (rec == null) {
      return null;
    }
    if ("I".equals(rec.get("st"))) {
      long exp = (Long) rec.get("exp");
      return now < exp ? new ClaimResult.InProgress(rid, outcome, exp - now)
          : new ClaimResult.Unknown(rid, outcome, data.get(key).expiresAt - now);
    }
    return "U".equals(rec.get("st")) ? new ClaimResult.Unknown(rid, outcome, data.get(key).expiresAt - now) : null;
  }

  /** Expired entries nobody reads again would pile up; drop them every few thousand claims. */
  private void sweepNowAndThen(long now) {
    if (++claimsSinceSweep >= 4096) {
      claimsSinceSweep = 0;
      data.values().removeIf(e -> e.expiresAt != 0 && e.expiresAt <= now);
    }
  }

  private Entry live(String key, long now) {
    Entry e = data.get(key);
    if (e != null && e.expiresAt != 0 && e.expiresAt <= now) {
      data.remove(key);
      return null;
    }
    return e;
  }

  private String get(String key, long now) {
    Entry e = live(key, now);
    return e == null ? null : e.value;
  }

  private Map<String, Object> hash(String key, long now) {
    Entry e = live(key, now);
    return e == null ? null : e.hash;
  }

  private void set(String key, String value, long expiresAt) {
    Entry e = new Entry();
    e.value = value;
    e.expiresAt = expiresAt;
    data.put(key, e);
  }

  private void putHash(String key, Map<String, Object> hash, long expiresAt) {
    Entry e = new Entry();
    e.hash = hash;
    e.expiresAt = expiresAt;
    data.put(key, e);
  }
}
