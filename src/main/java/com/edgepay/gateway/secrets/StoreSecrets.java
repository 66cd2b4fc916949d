package com.edgepay.gateway.secrets;

import com.edgepay.gateway.config.ConfigException;
import com.edgepay.gateway.crypto.SealingKeys;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The store's own secrets, from the secrets directory (names with a dot, which no tenant id can
 * have): {@code redis.username} and {@code redis.password} for Redis AUTH (both optional), and
 * {@code records.keys}, the keys that seal records at rest (required). Read once at start; a change
 * needs a rollout. Never printed.
 */
public record StoreSecrets(String redisUser, String redisPassword, SealingKeys sealingKeys) {
  public static final String REDIS_USERNAME = "redis.username";
  public static final String REDIS_PASSWORD = "redis.password";
  private static final int MAX_BYTES = 4096;

  /** Reads them on a worker thread; a bad or missing required file fails start-up naming it. */
  public static Future<StoreSecrets> load(Vertx vertx, Path dir) {
    return vertx.executeBlocking(() -> new StoreSecrets(
        optional(dir.resolve(REDIS_USERNAME)),
        optional(dir.resolve(REDIS_PASSWORD)),
        sealing(dir.resolve(SealingKeys.FILE_NAME))));
  }

  private static String optional(Path file) {
    SecretFile.Read read = SecretFile.read(file, MAX_BYTES);
    if (!read.ok()) {
      if (read.problem().equals("is missing")) {
        return null;
      }
      throw new ConfigException(file.toString(), read.problem());
    }
    String value = new String(read.bytes(), StandardCharsets.UTF_8).strip();
    return value.isEmpty() ? null : value;
  }

  private static SealingKeys sealing(Path file) {
    SecretFile.Read read = SecretFile.read(file, 64 * 1024);
    if (!read.ok()) {
      throw new ConfigException(file.toString(), read.problem() + " (the keys that seal stored answers; see README)");
    }
    try {
      return SealingKeys.parse(new String(read.bytes(), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(file.toString(), e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "StoreSecrets[user " + (redisUser == null ? "none" : "set") + ", password "
        + (redisPassword == null ? "none" : "****") + ", " + sealingKeys + "]";
  }
}
