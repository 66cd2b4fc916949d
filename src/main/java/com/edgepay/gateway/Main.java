package com.edgepay.gateway;

import java.util.Arrays;

/**
 * Entry point of {@code juspay-gateway.jar}: the gateway with no argument, or {@code demo}, or
 * {@code simulator}.
 */
public final class Main {
  private Main() {
  }

  public static void main(String[] args) {
    String command = args.length == 0 ? "gateway" : args[0];
    String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
    switch (command) {
      case "gateway" -> GatewayProcess.run();
      case "demo" -> Demo.run(rest);
      case "simulator" -> com.edgepay.gateway.simulator.SimulatorMain.main(rest);
      default -> {
        System.err.println("usage: java -jar juspay-gateway.jar [demo | simulator [--latency none|table] [--port N]]");
        System.exit(64);
      }
    }
  }
}
