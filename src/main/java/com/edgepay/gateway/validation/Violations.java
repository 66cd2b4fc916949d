package com.edgepay.gateway.validation;

import com.edgepay.gateway.api.ErrorCode;
import com.edgepay.gateway.api.FieldError;
import com.edgepay.gateway.api.GatewayError;
import java.util.ArrayList;
import java.util.List;

/** Every broken rule of one request, so a merchant can fix them all at once. */
public final class Violations {
  private List<FieldError> errors;
  private boolean missing;

  public void missing(String field, String reason) {
    missing = true;
    add(field, reason);
  }

  public void invalid(String field, String reason) {
    add(field, reason);
  }

  private void add(String field, String reason) {
    if (errors == null) {
      errors = new ArrayList<>(4);
    }
    errors.add(new FieldError(field, reason));
  }

  public boolean any() {
    return errors != null;
  }

  public List<FieldError> list() {
    return errors == null ? List.of() : errors;
  }

  /** MISSING_MANDATORY_PARAMETER when anything required is absent, else INVALID_PARAMETER. */
  public GatewayError toError() {
    return missing
        ? GatewayError.of(ErrorCode.MISSING_MANDATORY_PARAMETER, "Mandatory fields are missing", errors)
        : GatewayError.of(ErrorCode.INVALID_PARAMETER, "Some fields are invalid", errors);
  }
}
