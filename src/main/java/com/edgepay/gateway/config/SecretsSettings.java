package com.edgepay.gateway.config;

import java.nio.file.Path;

/**
 * The Juspay key directory (a Kubernetes Secret volume).
 *
 * @param pollMillis safety-net rescan period, on top of file-system watch events
 */
public record SecretsSettings(Path dir, int pollMillis) {
}
