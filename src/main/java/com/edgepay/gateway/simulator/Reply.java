package com.edgepay.gateway.simulator;

import io.vertx.core.json.JsonObject;

/** What a Juspay route answers: an HTTP status and a JSON body. */
record Reply(int status, JsonObject body) {

  static Reply ok(JsonObject body) {
    return new Reply(200, body);
  }
}
