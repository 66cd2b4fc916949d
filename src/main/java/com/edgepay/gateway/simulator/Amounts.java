package com.edgepay.gateway.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Juspay amounts: positive, stringified numbers with at most two decimals ("100.15" or "100"). */
final class Amounts {

  private Amounts() {
  }

  static BigDecimal parse(String raw, String field) {
    BigDecimal amount;
    try {
      amount = new BigDecimal(raw.trim());
    } catch (NumberFormatException | NullPointerException e) {
      throw new BadParameter(field, field + " must be a number");
    }
    if (amount.signum() <= 0) {
      throw new BadParameter(field, field + " must be positive");
    }
    if (amount.stripTrailingZeros().scale() > 2) {
      throw new BadParameter(field, field + " allows at most two decimal places");
    }
    return amount;
  }

  /** As Juspay writes amounts inside strings, e.g. "1.00". */
  static String format(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
  }
}
