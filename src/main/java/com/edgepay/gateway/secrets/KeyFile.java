package com.edgepay.gateway.secrets;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads {@code <dir>/<tenant>/juspay_api_key} through {@link SecretFile} (resolved once, following
 * the kubelet's symlinks; a regular file only; opened once; at most 4 KB), and looks for the
 * {@code revoked} marker beside it. Blocking: only the secrets verticle's worker thread calls it.
 */
final class KeyFile {
  static final String FILE_NAME = "juspay_api_key";
  /** A file (or anything) of this name beside the key withdraws it; its content is never read. */
  static final String REVOKED_MARKER = "revoked";
  static final int MAX_BYTES = 4096;

  /** Whether a tenant's {@code revoked} marker is there. */
  enum Marker {
    PRESENT,
    ABSENT,
    /** The file system would not say (an unreadable directory): neither state is concluded. */
    UNKNOWN
  }

  /** What a read found. Exactly one of key and problem is set; problem never holds key text. */
  record Read(String key, String problem) {
    boolean ok() {
      return key != null;
    }

    @Override
    public String toString() {
      return ok() ? "Read[****]" : "Read[" + problem + "]";
    }
  }

  private KeyFile() {
  }

  static Path path(Path dir, String tenantId) {
    return dir.resolve(tenantId).resolve(FILE_NAME);
  }

  static Path markerPath(Path dir, String tenantId) {
    return dir.resolve(tenantId).resolve(REVOKED_MARKER);
  }

  /**
   * Looks for {@code <dir>/<tenant>/revoked}, following links: in a Kubernetes Secret volume it is a
   * link into {@code ..data}, and a link left dangling by the kubelet's swap (the marker's key was
   * just deleted from the Secret) counts as absent. Only its existence is checked: a FIFO or a
   * device of that name cannot block the reader.
   */
  static Marker revocation(Path dir, String tenantId) {
    Path marker = markerPath(dir, tenantId);
    if (Files.exists(marker)) {
      return Marker.PRESENT;
    }
    return Files.notExists(marker) ? Marker.ABSENT : Marker.UNKNOWN;
  }

  static Read read(Path dir, String tenantId) {
    SecretFile.Read file = SecretFile.read(path(dir, tenantId), MAX_BYTES);
    if (!file.ok()) {
      return new Read(null, file.problem().equals("is missing")
          ? "is missing (no Juspay key file for tenant '" + tenantId + "')" : file.problem());
    }
    String key = new String(file.bytes(), StandardCharsets.UTF_8).stripTrailing();
    if (key.isEmpty()) {
      return new Read(null, "is empty");
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c <= ' ' || c > '~') {
        return new Read(null, "holds a character that is not printable ASCII");
      }
    }
    return new Read(key, null);
  }
}
