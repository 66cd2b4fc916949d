package com.edgepay.gateway.api;

/** One offending field. The reason names the rule; it never repeats the value. */
public record FieldError(String fieldName, String reason) {
}
