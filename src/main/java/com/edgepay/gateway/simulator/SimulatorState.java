package com.edgepay.gateway.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Everything the simulator remembers: orders, transactions, refunds, fault rules, the request journal and
 * counters. Thread-safe, so one instance can back several verticle instances on different event loops;
 * tests can also read and steer it directly instead of through the {@code /__sim/} control API.
 */
public final class SimulatorState {

  /** How many journal entries are kept; older ones are dropped first. */
  public static final int JOURNAL_CAPACITY = 10_000;

  /**
   * Vert.x shares one random port among servers that listen on the same negative port. Each state gets
   * its own negative key, so its instances share a port while separate simulators never do.
   */
  private static final AtomicInteger PORT_KEYS = new AtomicInteger();

  private final Ledger ledger = new Ledger();
  private final FaultRegistry faults = new FaultRegistry();
  private final RequestJournal journal = new RequestJournal(JOURNAL_CAPACITY);
  private final RouteStats stats = new RouteStats();
  private final Effects effects = new Effects();
  private final int ephemeralPortKey = -(1 + PORT_KEYS.getAndIncrement() % 65_535);
  private volatile int boundPort = -1;
  private SplittableRandom rootRandom;

  /** Runs {@code operation} holding the single ledger lock, so it sees and leaves a consistent ledger. */
  <T> T withLedger(Function<Ledger, T> operation) {
    synchronized (ledger) {
      return operation.apply(ledger);
    }
  }

  FaultRegistry faults() {
    return faults;
  }

  RequestJournal journal() {
    return journal;
  }

  RouteStats stats() {
    return stats;
  }

  Effects effects() {
    return effects;
  }

  /** How many times each call took effect, by natural key (see {@link Effects}). */
  public JsonObject effectsJson() {
    return effects.toJson();
  }

  /**
   * A random stream for one verticle instance. All streams split from one root seeded on first use, so a
   * deployment is reproducible from its seed while instances never repeat each other's ids.
   */
  synchronized SplittableRandom forkRandom(long seed) {
    if (rootRandom == null) {
      rootRandom = new SplittableRandom(seed);
    }
    return rootRandom.split();
  }

  int ephemeralPortKey() {
    return ephemeralPortKey;
  }

  void boundPort(int port) {
    boundPort = port;
  }

  /** The port the simulator listens on, or -1 before any instance has started. */
  public int boundPort() {
    return boundPort;
  }

  /** Arms a fault rule and returns its id. */
  public String addFault(FaultRule rule) {
    return faults.add(rule);
  }

  /** Random faults on every call that no armed rule matches (null: none). */
  public void chaos(Chaos chaos) {
    faults.chaos(chaos);
  }

  public void clearFaults() {
    faults.clear();
  }

  /** {@code {"total":N,"by_route":{"POST /orders":n,...}}}. */
  public JsonObject statsJson() {
    return stats.toJson();
  }

  /** How many calls a route (e.g. {@code JuspayRoute.TXNS.key()}) has received. */
  public long requestCount(String routeKey) {
    return stats.count(routeKey);
  }

  /** Journal entries for one order, or all when {@code orderId} is null. */
  public List<JournalEntry> requests(String orderId) {
    return journal.list(orderId);
  }

  /** The customer completes payment outside any API call (the payment page): the order is CHARGED. */
  public void charge(String merchantId, String orderId) {
    withLedger(l -> {
      l.order(merchantId, orderId).ifPresent(o -> o.status(OrderStatus.CHARGED));
      return null;
    });
  }

  /** The order as the status call would show it, if the merchant has it. */
  public Optional<JsonObject> order(String merchantId, String orderId) {
    return withLedger(l -> l.order(merchantId, orderId).map(o -> o.toJson(true)));
  }

  /** Forgets orders, transactions, refunds, faults, journal and counters; the port stays bound. */
  public void reset() {
    withLedger(l -> {
      l.clear();
      return null;
    });
    faults.clear();
    journal.clear();
    stats.clear();
    effects.clear();
  }

  JsonArray requestsJson(String orderId) {
    return new JsonArray(journal.list(orderId).stream().map(JournalEntry::toJson).toList());
  }
}
