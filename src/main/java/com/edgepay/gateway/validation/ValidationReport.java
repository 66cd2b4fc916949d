package com.edgepay.gateway.validation;

import com.edgepay.gateway.api.FieldError;
import com.edgepay.gateway.metrics.GatewayMetrics;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts every broken rule ({@code gateway_validation_total{route,field,outcome}}) and, in report
 * mode, logs what enforce mode would have refused. Field names come from the rule tables, so the
 * label stays bounded; reasons never hold values.
 */
public final class ValidationReport {
  private static final Logger LOG = LoggerFactory.getLogger(ValidationReport.class);

  private ValidationReport() {
  }

  public static void record(GatewayMetrics metrics, String tenantId, String route, Violations violations,
      ValidationMode mode) {
    String outcome = mode == ValidationMode.ENFORCE ? "rejected" : "reported";
    for (FieldError e : violations.list()) {
      metrics.validation(route, e.fieldName(), outcome);
    }
    if (mode == ValidationMode.REPORT) {
      LOG.atWarn().setMessage("validation would refuse this call; forwarded because the tenant is in report mode")
          .addKeyValue("tenant", tenantId)
          .addKeyValue("route", route)
          .addKeyValue("fields", violations.list().stream().map(e -> e.fieldName() + ": " + e.reason())
              .collect(Collectors.joining("; ")))
          .log();
    }
  }
}
