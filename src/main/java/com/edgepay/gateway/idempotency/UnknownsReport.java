package com.edgepay.gateway.idempotency;

import java.util.List;

/**
 * One sweep of a tenant's unknown outcomes.
 *
 * @param open unknown outcomes not yet resolved
 * @param oldestMs how long the oldest of them has been unknown
 * @param leased the ones this caller may resolve
 * @param waitMs for a single record asked for by a retry: it is leased or in backoff, ask again after
 *     this long (0 otherwise)
 */
public record UnknownsReport(long open, long oldestMs, List<UnknownCall> leased, long waitMs) {
}
