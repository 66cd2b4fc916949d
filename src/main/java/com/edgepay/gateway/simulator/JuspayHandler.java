package com.edgepay.gateway.simulator;

/**
 * One Juspay route's business logic. It runs on the event loop after auth, faults and latency are dealt
 * with, so it only reads the call and the state and must not block.
 */
@FunctionalInterface
interface JuspayHandler {

  /** May throw {@link BadParameter}, which becomes a 400 INVALID_INPUT answer. */
  Reply handle(JuspayCall call);
}
