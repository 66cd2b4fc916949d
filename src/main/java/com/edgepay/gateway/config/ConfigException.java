package com.edgepay.gateway.config;

/** Bad configuration: the message is one line naming the file and the fault, for the operator. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String file, String problem) {
    super(file + ": " + problem, null, false, false);
  }
}
