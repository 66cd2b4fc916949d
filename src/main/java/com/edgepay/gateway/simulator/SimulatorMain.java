package com.edgepay.gateway.simulator;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the simulator on its own. Flags: {@code --latency none|table}, {@code --port N},
 * {@code --instances N}, {@code --host H}, {@code --seed N}; env {@code SIMULATOR_PORT} (default 8089)
 * and {@code SIMULATOR_HOST} give the defaults.
 */
public final class SimulatorMain {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatorMain.class);

  /** Parsed command line: how to listen and how many verticle instances to run. */
  public record Launch(SimulatorOptions options, int instances) {
    public Launch {
      if (instances < 1) {
        throw new IllegalArgumentException("instances must be at least 1");
      }
    }
  }

  private SimulatorMain() {
  }

  /** Deploys {@code instances} verticles sharing {@code state}; the future holds the deployment id. */
  public static Future<String> deploy(Vertx vertx, SimulatorOptions options, SimulatorState state,
      int instances) {
    return vertx.deployVerticle(() -> new SimulatorVerticle(options, state),
        new DeploymentOptions().setInstances(instances));
  }

  public static void main(String[] args) {
    Launch launch;
    try {
      launch = parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      LOG.error("bad arguments: {}", e.getMessage());
      System.exit(2);
      return;
    }
    Vertx vertx = Vertx.vertx();
    SimulatorState state = new SimulatorState();
    deploy(vertx, launch.options(), state, launch.instances())
        .onSuccess(id -> LOG.info("simulator listening on port {}", state.boundPort()))
        .onFailure(e -> {
          LOG.error("simulator failed to start", e);
          vertx.close().onComplete(ignored -> System.exit(1));
        });
  }

  /** Reads flags over the env defaults; throws IllegalArgumentException on anything it cannot use. */
  public static Launch parse(String[] args, Map<String, String> env) {
    SimulatorOptions options = SimulatorOptions.defaults()
        .withPort(integer(env.getOrDefault("SIMULATOR_PORT", "8089"), "SIMULATOR_PORT"))
        .withHost(env.getOrDefault("SIMULATOR_HOST", SimulatorOptions.DEFAULT_HOST));
    int instances = 1;
    for (int i = 0; i < args.length; i += 2) {
      String flag = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      String value = args[i + 1];
      switch (flag) {
        case "--latency" -> options = options.withLatency(latency(value));
        case "--port" -> options = options.withPort(integer(value, flag));
        case "--instances" -> instances = integer(value, flag);
        case "--host" -> options = options.withHost(value);
        case "--seed" -> options = options.withSeed(longValue(value, flag));
        default -> throw new IllegalArgumentException("unknown flag " + flag);
      }
    }
    return new Launch(options, instances);
  }

  private static LatencyMode latency(String value) {
    try {
      return LatencyMode.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--latency takes none or table, not " + value, e);
    }
  }

  private static int integer(String value, String name) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer, not " + value, e);
    }
  }

  private static long longValue(String value, String name) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer, not " + value, e);
    }
  }
}
