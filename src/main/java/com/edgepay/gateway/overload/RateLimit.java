package com.edgepay.gateway.overload;

/** A tenant's request rate: {@code perSecond} sustained, {@code burst} at once, per replica. */
public record RateLimit(long perSecond, long burst) {
}
