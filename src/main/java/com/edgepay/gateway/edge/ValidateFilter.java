package com.edgepay.gateway.edge;

import com.edgepay.gateway.metrics.GatewayMetrics;
import com.edgepay.gateway.validation.ValidationMode;
import com.edgepay.gateway.validation.ValidationReport;
import com.edgepay.gateway.validation.Validator;
import com.edgepay.gateway.validation.Violations;
import io.vertx.core.Future;

/** Juspay's documented rules for the route (400), enforced, reported or skipped per the tenant's mode. */
final class ValidateFilter implements Filter.OnBody {
  private final Validator validator = new Validator();
  private final GatewayMetrics metrics;

  ValidateFilter(GatewayMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public Future<Outcome> onRequest(Exchange ex) {
    ValidationMode mode = ex.tenant.validationMode();
    if (mode == ValidationMode.OFF || ex.match.route().isRead()) {
      return CONTINUE;
    }
    Violations violations = validator.check(ex.match.route(), ex.form);
    if (violations.any()) {
      ValidationReport.record(metrics, ex.tenant.id(), ex.routeLabel(), violations, mode);
      if (mode == ValidationMode.ENFORCE) {
        throw violations.toError();
      }
    }
    return CONTINUE;
  }
}
