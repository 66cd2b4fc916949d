package com.edgepay.gateway.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads configuration through vertx-config: gateway.json, overridden by the contract's
 * environment variables. Failures become {@link ConfigException}s naming the file.
 */
public final class ConfigLoader {
  public static final String DEFAULT_CONFIG_FILE = "conf/gateway.json";

  private ConfigLoader() {
  }

  /** The process environment, limited to the variables the contract names. */
  public static ConfigStoreOptions environmentStore() {
    return new ConfigStoreOptions().setType("env")
        .setConfig(new JsonObject().put("raw-data", true).put("keys", new JsonArray(EnvVars.ALL)));
  }

  /** Tests pass a fixed map in place of the process environment. */
  public static ConfigStoreOptions fixedEnvironment(JsonObject values) {
    return new ConfigStoreOptions().setType("json").setConfig(values);
  }

  public static Future<GatewayConfig> loadGatewayConfig(Vertx vertx, ConfigStoreOptions environment) {
    return retrieve(vertx, "environment", environment).compose(env -> {
      String file = env.getString(EnvVars.GATEWAY_CONFIG_FILE, DEFAULT_CONFIG_FILE);
      return retrieve(vertx, file, fileStore(Path.of(file)), environment)
          .map(merged -> GatewayConfigParser.parse(file, merged));
    });
  }

  /** Any other JSON file the gateway depends on, such as the tenant registry. */
  public static Future<JsonObject> readJsonFile(Vertx vertx, Path file) {
    return retrieve(vertx, file.toString(), fileStore(file));
  }

  private static ConfigStoreOptions fileStore(Path file) {
    return new ConfigStoreOptions().setType("file").setFormat("json").setOptional(false)
        .setConfig(new JsonObject().put("path", file.toString()));
  }

  private static Future<JsonObject> retrieve(Vertx vertx, String source, ConfigStoreOptions... stores) {
    ConfigRetrieverOptions options = new ConfigRetrieverOptions().setIncludeDefaultStores(false).setScanPeriod(0);
    for (ConfigStoreOptions store : stores) {
      options.addStore(store);
    }
    ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
    return retriever.getConfig()
        .eventually(retriever::close)
        .recover(failure -> Future.failedFuture(describe(source, failure)));
  }

  static ConfigException describe(String source, Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConfigException ce) {
        return ce;
      }
      if (t instanceof DecodeException) {
        return new ConfigException(source, "is not valid JSON (" + firstLine(t.getMessage()) + ")");
      }
      if (t instanceof NoSuchFileException) {
        return new ConfigException(source, "cannot be read: no such file");
      }
    }
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return new ConfigException(source, "cannot be read: " + firstLine(String.valueOf(root.getMessage())));
  }

  private static String firstLine(String message) {
    String m = message == null ? "" : message.replace("Failed to decode:", "").trim();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl).trim();
  }
}
