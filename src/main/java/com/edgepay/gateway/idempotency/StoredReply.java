package com.edgepay.gateway.idempotency;

import io.vertx.core.buffer.Buffer;

/** Juspay's answer to a completed call, kept so that a retry gets it byte for byte. */
public record StoredReply(int status, String contentType, String location, Buffer body) {
}
