package com.edgepay.gateway.secrets;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads {@code <dir>/<tenant>/juspay_api_key}, following the kubelet's symlinks. Blocking: only
 * the secrets verticle's worker thread calls it.
 */
final class KeyFile {
  static final String FILE_NAME = "juspay_api_key";
  private static final int MAX_BYTES = 4096;

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
