package com.edgepay.gateway.config;

import java.nio.file.Path;

/**
 * PEM certificate chain and private key for the public listener.
 *
 * @param clientCaFile CAs whose client certificates are requested (mTLS), or null for none
 */
public record TlsSettings(Path certFile, Path keyFile, Path clientCaFile) {
}
