package com.edgepay.gateway.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
    Path file = path(dir, tenantId);
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_BYTES) {
        return new Read(null, "is larger than " + MAX_BYTES + " bytes");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new Read(null, "is missing (no Juspay key file for tenant '" + tenantId + "')");
    } catch (IOException e) {
      return new Read(null, "cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    String key = new String(bytes, StandardCharsets.UTF_8).stripTrailing();
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
