package com.edgepay.gateway.edge;

/** Why a request's path was cut short from outside: its deadline passed, or the replica is stopping. */
enum Interruption {
  DEADLINE,
  SHUTDOWN
}
