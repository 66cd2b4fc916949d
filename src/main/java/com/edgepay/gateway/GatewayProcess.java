package com.edgepay.gateway;

import com.edgepay.gateway.config.ConfigLoader;
import com.edgepay.gateway.config.GatewayConfig;
import com.edgepay.gateway.metrics.MetricsSetup;
import com.edgepay.gateway.tenant.DevelopmentKey;
import com.edgepay.gateway.tenant.TenantRegistry;
import com.edgepay.gateway.tenant.TenantsParser;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/** {@code java -jar juspay-gateway.jar}: configuration from conf/ and the environment. */
final class GatewayProcess {
  record Loaded(GatewayConfig config, TenantRegistry tenants) {
  }

  private GatewayProcess() {
  }

  static void run() {
    // A small Vert.x reads the configuration; the real one is sized from it. Nothing is chained
    // onto the small one once it closes, and the real one is built off its event loop.
    Vertx boot = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    load(boot).onComplete(loaded -> {
      boot.close();
      if (loaded.failed()) {
        ProcessControl.abort(loaded.cause());
      } else {
        new Thread(() -> launch(loaded.result()), "launcher").start();
      }
    });
  }

  static Future<Loaded> load(Vertx vertx) {
    return ConfigLoader.loadGatewayConfig(vertx, ConfigLoader.environmentStore())
        .compose(config -> ConfigLoader.readJsonFile(vertx, config.tenantsFile()).map(json -> {
          String file = config.tenantsFile().toString();
          TenantRegistry tenants = TenantsParser.parse(file, json, config.upstream().allowPlainHttp());
          DevelopmentKey.check(file, tenants, config.allowDevKey());
          return new Loaded(config, tenants);
        }));
  }

  private static void launch(Loaded loaded) {
    PrometheusMeterRegistry registry = MetricsSetup.newRegistry();
    Vertx vertx = MetricsSetup.vertx(
        new VertxOptions().setEventLoopPoolSize(loaded.config().server().eventLoops()), registry);
    Gateway.start(vertx, loaded.config(), loaded.tenants(), registry).onComplete(started -> {
      if (started.succeeded()) {
        ProcessControl.onTerminate(started.result()::drainAndStop, started.result().drainDeadlineMs());
      } else {
        ProcessControl.abort(started.cause());
      }
    });
  }
}
