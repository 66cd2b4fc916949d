package com.edgepay.gateway.idempotency;

import java.util.List;

/**
 * One sweep of a tenant's unknown outcomes.
 *
 * @param open unknowns due for reconciliation now
 * @param oldestMs how long the oldest of them has been due
 * @param leased the ones this sweep may resolve
 */
public record UnknownsReport(long open, long oldestMs, List<UnknownCall> leased) {
}
