package com.edgepay.gateway.upstream;

import io.vertx.core.buffer.Buffer;

/**
 * Juspay's answer, as it will be relayed.
 *
 * @param location kept for 3xx answers only (a /txns without format=json redirects)
 */
public record UpstreamReply(int status, String contentType, String location, Buffer body) {
}
