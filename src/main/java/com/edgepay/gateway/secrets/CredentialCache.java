package com.edgepay.gateway.secrets;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.HashMap;
import java.util.Map;

/**
 * An edge verticle's own copy of every tenant's credential. Filled from a snapshot at start and
 * kept current by change events; only its event loop touches it, so a plain map is enough, and a
 * lookup on the hot path costs no event-bus hop.
 */
public final class CredentialCache {
  private final Map<String, JuspayCredential> credentials = new HashMap<>();
  private MessageConsumer<JuspayCredential> changes;

  private CredentialCache() {
  }

  /** Call from the owning verticle's start(), so updates arrive on its event loop. */
  public static Future<CredentialCache> attach(Vertx vertx) {
    CredentialCache cache = new CredentialCache();
    // Subscribe before asking for the snapshot; versions settle any overlap between the two.
    cache.changes = vertx.eventBus().localConsumer(SecretsAddresses.CHANGED, m -> cache.offer(m.body()));
    return cache.changes.completion()
        .compose(v -> vertx.eventBus().<CredentialSnapshot>request(SecretsAddresses.SNAPSHOT, ""))
        .map(reply -> {
          reply.body().credentials().values().forEach(cache::offer);
          return cache;
        });
  }

  /** @return the tenant's credential, or null if the secrets verticle never had one */
  public JuspayCredential get(String tenantId) {
    return credentials.get(tenantId);
  }

  public Future<Void> detach() {
    return changes == null ? Future.succeededFuture() : changes.unregister();
  }

  private void offer(JuspayCredential credential) {
    JuspayCredential held = credentials.get(credential.tenantId());
    if (held == null || held.version() < credential.version()) {
      credentials.put(credential.tenantId(), credential);
    }
  }
}
