package com.edgepay.gateway.logging;

/**
 * Last line of defence for anything a log line or an error body carries: secret fields' values
 * ({@link SecretFields}), card numbers in any spacing ({@link CardNumbers}) and UPI addresses
 * ({@link Vpas}). Code should never log card data; this catches the day it does by mistake. Text
 * with none of them comes back as the same instance.
 */
public final class LogMask {
  private LogMask() {
  }

  public static String mask(String text) {
    return Vpas.mask(CardNumbers.mask(SecretFields.mask(text)));
  }
}
