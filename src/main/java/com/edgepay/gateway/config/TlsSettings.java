package com.edgepay.gateway.config;

import java.nio.file.Path;

/** PEM certificate chain and private key for the public listener. */
public record TlsSettings(Path certFile, Path keyFile) {
}
