package com.edgepay.gateway.simulator;

/** Whether the simulator paces its answers like Juspay ({@link #TABLE}) or answers at once ({@link #NONE}). */
public enum LatencyMode {
  TABLE,
  NONE
}
