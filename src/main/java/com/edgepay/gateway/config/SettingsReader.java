package com.edgepay.gateway.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * Typed reads from a JSON config object. Every failure is a {@link ConfigException} naming the
 * file and the dotted path of the bad value, so start-up errors point at the exact line to fix.
 */
public final class SettingsReader {
  private final String file;
  private final String path;
  private final JsonObject json;

  public SettingsReader(String file, JsonObject json) {
    this(file, "", json);
  }

  private SettingsReader(String file, String path, JsonObject json) {
    this.file = file;
    this.path = path;
    this.json = json == null ? new JsonObject() : json;
  }

  JsonObject raw() {
    return json;
  }

  public boolean has(String key) {
    return json.getValue(key) != null;
  }

  public Set<String> keys() {
    return json.fieldNames();
  }

  /** A nested object; an absent one reads as empty so that every member takes its default. */
  public SettingsReader object(String key) {
    Object v = json.getValue(key);
    if (v != null && !(v instanceof JsonObject)) {
      throw fail(key, "must be a JSON object");
    }
    return new SettingsReader(file, qualified(key), (JsonObject) v);
  }

  public JsonArray array(String key) {
    Object v = json.getValue(key);
    if (!(v instanceof JsonArray)) {
      throw fail(key, v == null ? "is required (a JSON array)" : "must be a JSON array");
    }
    return (JsonArray) v;
  }

  /** Element {@code index} of the array {@code key}, which must be an object. */
  public SettingsReader element(String key, int index) {
    Object v = array(key).getValue(index);
    String where = qualified(key) + "[" + index + "]";
    if (!(v instanceof JsonObject)) {
      throw new ConfigException(file, where + " must be a JSON object");
    }
    return new SettingsReader(file, where, (JsonObject) v);
  }

  public String string(String key, String fallback) {
    Object v = json.getValue(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof String)) {
      throw fail(key, "must be a string");
    }
    return (String) v;
  }

  public String requiredString(String key) {
    String v = string(key, null);
    if (v == null || v.isBlank()) {
      throw fail(key, "is required (a non-empty string)");
    }
    return v;
  }

  public boolean bool(String key, boolean fallback) {
    Object v = json.getValue(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Boolean)) {
      throw fail(key, "must be true or false");
    }
    return (Boolean) v;
  }

  /** true or false given as text, as environment variables are. */
  public boolean parseBool(String key, String text) {
    return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw fail(key, "must be true or false");
    };
  }

  public long number(String key, long fallback, long min, long max) {
    Object v = json.getValue(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Number) || ((Number) v).doubleValue() != ((Number) v).longValue()) {
      throw fail(key, "must be an integer");
    }
    return inRange(key, ((Number) v).longValue(), min, max);
  }

  /** An integer given as text, as environment variables are. */
  public long parseNumber(String key, String text, long min, long max) {
    try {
      return inRange(key, Long.parseLong(text.trim()), min, max);
    } catch (NumberFormatException e) {
      throw fail(key, "must be an integer");
    }
  }

  public ConfigException fail(String key, String problem) {
    return new ConfigException(file, qualified(key) + " " + problem);
  }

  private long inRange(String key, long v, long min, long max) {
    if (v < min || v > max) {
      throw fail(key, "must be between " + min + " and " + max);
    }
    return v;
  }

  private String qualified(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
