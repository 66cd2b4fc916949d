package com.edgepay.gateway.secrets;

import com.edgepay.gateway.config.ConfigException;
import com.edgepay.gateway.config.SecretsSettings;
import com.edgepay.gateway.crypto.Digests;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the Juspay keys. Deploy it as a WORKER verticle: it reads files, which blocks. It hands
 * each edge verticle a snapshot over the event bus and publishes a change within one poll period of a file rewrite or a
 * kubelet {@code ..data} swap. A key file that turns unreadable mid-swap keeps the last good key,
 * so no request ever goes out without one.
 *
 * <p>A {@code revoked} marker beside a tenant's key file withdraws the key: every edge verticle's
 * copy is replaced by a withdrawn credential (no key held), so the tenant's calls are refused with
 * nothing sent, until the marker goes and a good key file is there. The key file is not read while
 * the marker is there, and a tenant with a marker may start without one.
 */
public final class SecretsVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(SecretsVerticle.class);
  private static final long DEBOUNCE_MS = 50;
  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);

  private final SecretsSettings settings;
  private final List<String> tenantIds;
  private final Map<String, String> digests = new HashMap<>();
  private final Map<String, JuspayCredential> current = new HashMap<>();
  private final Set<String> revoked = new HashSet<>();
  private final Map<String, String> reportedProblems = new HashMap<>();
  private DirectoryWatcher watcher;
  private long pollTimer = -1;
  private boolean rescanQueued;
  private long version;

  public SecretsVerticle(SecretsSettings settings, List<String> tenantIds) {
    this.settings = settings;
    this.tenantIds = List.copyOf(tenantIds);
  }

  @Override
  public Future<?> start() {
    LocalCodec.registerAll(vertx);
    for (String id : tenantIds) {
      KeyFile.Marker marker = KeyFile.revocation(settings.dir(), id);
      if (marker != KeyFile.Marker.ABSENT) {
        // At start, a marker that cannot be checked counts as there: withdrawn is the safe side.
        revoke(id, marker);
        continue;
      }
      KeyFile.Read read = KeyFile.read(settings.dir(), id);
      if (!read.ok()) {
        return Future.failedFuture(new ConfigException(KeyFile.path(settings.dir(), id).toString(), read.problem()));
      }
      accept(id, read.key());
    }
    watcher = DirectoryWatcher.start(settings.dir(), tenantIds, () -> context.runOnContext(v -> queueRescan()));
    pollTimer = vertx.setPeriodic(settings.pollMillis(), t -> rescan());
    LOG.info("loaded Juspay keys for {} tenants from {}{}", tenantIds.size() - revoked.size(), settings.dir(),
        revoked.isEmpty() ? "" : "; withdrawn: " + revoked);
    return vertx.eventBus().localConsumer(SecretsAddresses.SNAPSHOT, this::snapshot).completion();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(pollTimer);
    if (watcher != null) {
      watcher.close();
    }
    return Future.succeededFuture();
  }

  private void snapshot(Message<Object> request) {
    request.reply(new CredentialSnapshot(current), LOCAL);
  }

  /** File events come in bursts (the kubelet makes several moves); one rescan serves the burst. */
  private void queueRescan() {
    if (!rescanQueued) {
      rescanQueued = true;
      vertx.setTimer(DEBOUNCE_MS, t -> {
        rescanQueued = false;
        watcher.refresh();
        rescan();
      });
    }
  }

  private void rescan() {
    for (String id : tenantIds) {
      KeyFile.Marker marker = KeyFile.revocation(settings.dir(), id);
      if (marker == KeyFile.Marker.UNKNOWN) {
        reportOnce(id, "cannot be checked", KeyFile.markerPath(settings.dir(), id).toString(),
            revoked.contains(id) ? "the key stays withdrawn" : "keeping the key in use");
        continue;
      }
      if (marker == KeyFile.Marker.PRESENT) {
        if (!revoked.contains(id)) {
          revoke(id, marker);
          vertx.eventBus().publish(SecretsAddresses.CHANGED, current.get(id), LOCAL);
        }
        continue;
      }
      KeyFile.Read read = KeyFile.read(settings.dir(), id);
      if (!read.ok()) {
        reportOnce(id, read.problem(), KeyFile.path(settings.dir(), id).toString(),
            revoked.contains(id) ? "the key stays withdrawn until a good one is there" : "keeping the last good key");
      } else if (accept(id, read.key())) {
        reportedProblems.remove(id);
        if (revoked.remove(id)) {
          LOG.warn("Juspay key for tenant '{}' restored: no revoked marker any more; now at version {}", id, version);
        } else {
          LOG.info("Juspay key for tenant '{}' changed; now at version {}", id, version);
        }
        vertx.eventBus().publish(SecretsAddresses.CHANGED, current.get(id), LOCAL);
      }
    }
  }

  private void reportOnce(String id, String problem, String file, String consequence) {
    String report = file + " " + problem;
    if (!report.equals(reportedProblems.put(id, report))) {
      LOG.warn("Juspay key file {}; {}", report, consequence);
    }
  }

  /** Forgets the key (a later good file is taken as new) and holds a withdrawn credential in its place. */
  private void revoke(String id, KeyFile.Marker marker) {
    revoked.add(id);
    digests.remove(id);
    reportedProblems.remove(id);
    current.put(id, JuspayCredential.revoked(id, ++version));
    LOG.warn("Juspay key for tenant '{}' withdrawn ({} {}): its calls get 503 and nothing is sent in its name "
        + "until the marker goes", id, KeyFile.markerPath(settings.dir(), id),
        marker == KeyFile.Marker.PRESENT ? "is there" : "cannot be checked");
  }

  /** @return whether the key differs from the one in use */
  private boolean accept(String id, String key) {
    String digest = Digests.sha256Hex(key);
    if (digest.equals(digests.get(id))) {
      return false;
    }
    digests.put(id, digest);
    current.put(id, JuspayCredential.fromKey(id, key, ++version));
    return true;
  }
}
