/**
 * A Juspay payment-API simulator for tests and load runs of the gateway.
 *
 * <p>Juspay routes: {@code POST /orders}, {@code GET /orders/:order_id}, {@code POST /orders/:order_id},
 * {@code POST /orders/:order_id/refunds}, {@code POST /txns}, {@code POST /session},
 * {@code POST /v2/txns/:txn_uuid/capture}, {@code POST /v2/txns/:txn_uuid/void}. Payments settle at once
 * (CHARGED, or AUTHORIZED for pre-auth) so later calls have something to act on.
 *
 * <p>Control API (JSON, no auth):
 * <ul>
 *   <li>{@code POST /__sim/faults} {@code {"match":{"order_id","request_id","route"},"status","delay_ms",
 *       "reset","hang","times","lose_answer","answer_delay_ms","effect_delay_ms"}} arms a rule and answers
 *       {@code {"id":"fault-N"}}; 400 on a bad rule. {@code reset} drops the call before any effect;
 *       {@code lose_answer} lets it take effect and then drops the answer; {@code answer_delay_ms} lets it
 *       take effect and holds the answer; {@code effect_delay_ms} works on it that long and then lets it
 *       take effect even if the caller has gone (Juspay does not cancel a request whose connection
 *       closed); a {@code status} on {@code GET /orders/:order_id} is an order-status outage.
 *   <li>{@code GET /__sim/faults} lists armed rules with their remaining uses.
 *   <li>{@code DELETE /__sim/faults} clears rules (204); {@code POST /__sim/reset} clears everything (204).
 *   <li>{@code POST /__sim/chaos} {@code {"seed","reset","lose_answer","answer_delay","answer_delay_ms",
 *       "late_effect","server_error","status_outage"}} turns on random faults (probabilities per call, reproducible
 *       from the seed) for calls no armed rule matches; {@code DELETE /__sim/chaos} turns them off.
 *   <li>{@code GET /__sim/effects} answers how many times each call took effect, by the gateway's
 *       natural key ({@code {"order:m:o1":1,"txn:m:o1:...":1}}): a money test's ground truth.
 *   <li>{@code GET /__sim/stats} answers {@code {"total":N,"by_route":{"POST /orders":n}}}.
 *   <li>{@code GET /__sim/requests[?order_id=X]} answers the journal: headers, parameter names, and the
 *       SHA-256 of the API key; never parameter values or the key.
 * </ul>
 */
package com.edgepay.gateway.simulator;
