package com.edgepay.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A private CA and a server certificate it signed, made with the openssl command line (as an
 * operator would), for TLS tests: PEM files in a temporary directory.
 *
 * @param names the certificate's subject alternative names, e.g. {@code IP:127.0.0.1}, {@code DNS:localhost}
 */
public record TestCertificates(Path dir, Path caCert, Path cert, Path key, List<String> names) {

  public static TestCertificates issue(String... names) {
    try {
      Path dir = Files.createTempDirectory("test-tls");
      Path caKey = dir.resolve("ca.key");
      Path caCert = dir.resolve("ca.crt");
      Path key = dir.resolve("server.key");
      Path csr = dir.resolve("server.csr");
      Path cert = dir.resolve("server.crt");
      Path ext = dir.resolve("san.ext");
      Files.writeString(ext, "subjectAltName=" + String.join(",", names) + "\n");
      openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=test-ca",
          "-keyout", caKey.toString(), "-out", caCert.toString());
      openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=test-server", "-keyout", key.toString(),
          "-out", csr.toString());
      openssl(dir, "x509", "-req", "-in", csr.toString(), "-CA", caCert.toString(), "-CAkey", caKey.toString(),
          "-CAcreateserial", "-days", "2", "-extfile", ext.toString(), "-out", cert.toString());
      return new TestCertificates(dir, caCert, cert, key, List.of(names));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void openssl(Path dir, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add("openssl");
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("openssl.log").toFile()).start();
    try {
      if (p.waitFor() != 0) {
        throw new IllegalStateException("openssl " + args[0] + " failed; see " + dir.resolve("openssl.log"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The redis-server arguments that serve TLS on {@code tlsPort} with this certificate. */
  public List<String> redisArgs(int tlsPort) {
    return List.of("--tls-port", Integer.toString(tlsPort), "--tls-cert-file", cert.toString(),
        "--tls-key-file", key.toString(), "--tls-ca-cert-file", caCert.toString(), "--tls-auth-clients", "no");
  }
}
