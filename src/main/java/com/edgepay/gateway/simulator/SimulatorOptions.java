package com.edgepay.gateway.simulator;

import java.util.Objects;

/**
 * How the simulator listens and paces its answers.
 *
 * @param host interface to bind; loopback by default because this is a test tool
 * @param port TCP port, 0 for an ephemeral one (read it back with {@link SimulatorVerticle#actualPort()})
 * @param latency whether answers follow Juspay's published latency tables
 * @param seed seed for every random choice the simulator makes, so a run can be replayed
 */
public record SimulatorOptions(String host, int port, LatencyMode latency, long seed) {

  public static final int DEFAULT_PORT = 8089;
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final long DEFAULT_SEED = 20_240_601L;

  public SimulatorOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(latency, "latency");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
  }

  public static SimulatorOptions defaults() {
    return new SimulatorOptions(DEFAULT_HOST, DEFAULT_PORT, LatencyMode.TABLE, DEFAULT_SEED);
  }

  public SimulatorOptions withHost(String newHost) {
    return new SimulatorOptions(newHost, port, latency, seed);
  }

  public SimulatorOptions withPort(int newPort) {
    return new SimulatorOptions(host, newPort, latency, seed);
  }

  public SimulatorOptions withLatency(LatencyMode newLatency) {
    return new SimulatorOptions(host, port, newLatency, seed);
  }

  public SimulatorOptions withSeed(long newSeed) {
    return new SimulatorOptions(host, port, latency, newSeed);
  }
}
