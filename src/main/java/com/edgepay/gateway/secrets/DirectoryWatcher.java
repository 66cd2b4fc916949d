package com.edgepay.gateway.secrets;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns file-system events under the secrets directory into a "something changed" signal, on its
 * own daemon thread because {@link WatchService#take()} blocks. It watches the root and each
 * tenant's directory; after a kubelet swap a tenant directory may be a new inode, so
 * {@link #refresh()} registers again. Events are a latency optimisation only: the secrets
 * verticle also polls, which covers file systems without inotify.
 */
final class DirectoryWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DirectoryWatcher.class);

  private final Path root;
  private final List<String> tenantIds;
  private final WatchService service;

  private DirectoryWatcher(Path root, List<String> tenantIds, WatchService service) {
    this.root = root;
    this.tenantIds = tenantIds;
    this.service = service;
  }

  /** @return a watcher, or one that does nothing if the platform offers no watch service */
  static DirectoryWatcher start(Path root, List<String> tenantIds, Runnable onChange) {
    WatchService service;
    try {
      service = root.getFileSystem().newWatchService();
    } catch (IOException | UnsupportedOperationException e) {
      LOG.warn("no file-system watch for {}; relying on polling", root);
      return new DirectoryWatcher(root, tenantIds, null);
    }
    DirectoryWatcher watcher = new DirectoryWatcher(root, tenantIds, service);
    watcher.refresh();
    Thread thread = new Thread(() -> watcher.loop(onChange), "secrets-watch");
    thread.setDaemon(true);
    thread.start();
    return watcher;
  }

  void refresh() {
    if (service == null) {
      return;
    }
    register(root);
    for (String id : tenantIds) {
      register(root.resolve(id));
    }
  }

  private void register(Path dir) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try {
      dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
          StandardWatchEventKinds.ENTRY_DELETE);
    } catch (IOException | ClosedWatchServiceException e) {
      LOG.debug("cannot watch {}: {}", dir, e.getClass().getSimpleName());
    }
  }

  private void loop(Runnable onChange) {
    try {
      while (true) {
        WatchKey key = service.take();
        key.pollEvents();
        key.reset();
        onChange.run();
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (service != null) {
      try {
        service.close();
      } catch (IOException e) {
        LOG.debug("closing watch service: {}", e.getClass().getSimpleName());
      }
    }
  }
}
