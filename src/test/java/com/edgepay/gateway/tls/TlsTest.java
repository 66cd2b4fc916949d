package com.edgepay.gateway.tls;

import static com.edgepay.gateway.support.GatewayFixture.ACME_KEY;
import static com.edgepay.gateway.support.GatewayFixture.GLOBEX_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.edgepay.gateway.support.GatewayFixture;
import com.edgepay.gateway.support.RecordingUpstream;
import com.edgepay.gateway.tenant.KeyDigest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Real TLS on both sides: HTTPS-only public port, mTLS as a second factor, verified upstream. */
@ExtendWith(VertxExtension.class)
class TlsTest {
  private static final SelfSignedCertificate SERVER = SelfSignedCertificate.create("localhost");
  private static final SelfSignedCertificate CLIENT_ACME = SelfSignedCertificate.create("acme-client");
  private static final SelfSignedCertificate CLIENT_OTHER = SelfSignedCertificate.create("someone-else");

  private static String fingerprint(SelfSignedCertificate cert) throws IOException, GeneralSecurityException {
    try (InputStream in = new FileInputStream(cert.certificatePath())) {
      byte[] der = CertificateFactory.getInstance("X.509").generateCertificate(in).getEncoded();
      return com.edgepay.gateway.crypto.Digests.hex(com.edgepay.gateway.crypto.Digests.sha256(der));
    }
  }

  /** Both client certificates are trusted at the TLS layer; only acme's is pinned to acme. */
  private static Path clientCas() throws IOException {
    Path bundle = Files.createTempFile("client-cas", ".pem");
    Files.writeString(bundle, Files.readString(Path.of(CLIENT_ACME.certificatePath()))
        + Files.readString(Path.of(CLIENT_OTHER.certificatePath())));
    return bundle;
  }

  private Future<GatewayFixture> tlsGateway(Vertx vertx, String upstreamUrl) throws Exception {
    String pinned = fingerprint(CLIENT_ACME);
    Path cas = clientCas();
    return GatewayFixture.start(vertx, upstreamUrl, config -> config.getJsonObject("server").put("tls",
            new JsonObject().put("cert", SERVER.certificatePath()).put("key", SERVER.privateKeyPath())
                .put("client_ca", cas.toString())),
        tenants -> tenants.getJsonObject(0).put("client_cert_sha256", new JsonArray().add(pinned)));
  }

  private static WebClient https(Vertx vertx, SelfSignedCertificate clientCert, String protocol) {
    WebClientOptions options = new WebClientOptions().setSsl(true).setTrustOptions(SERVER.trustOptions())
        .setVerifyHost(false).setEnabledSecureTransportProtocols(Set.of(protocol));
    if (clientCert != null) {
      options.setKeyCertOptions(clientCert.keyCertOptions());
    }
    return WebClient.create(vertx, options);
  }

  private static Future<HttpResponse<Buffer>> get(WebClient client, GatewayFixture gw, String key) {
    return client.request(HttpMethod.GET, gw.config.server().port(), "127.0.0.1", "/orders/ord_tls")
        .putHeader("Authorization", GatewayFixture.basic(key)).send();
  }

  @Test
  void thePublicPortSpeaksTls12And13OnlyAndPinsAcmesCertificate(Vertx vertx, VertxTestContext ctx) throws Exception {
    RecordingUpstream.start(vertx).compose(u -> {
      try {
        return tlsGateway(vertx, u.baseUrl()).map(gw -> new Object[] {u, gw});
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
    }).compose(pair -> {
      RecordingUpstream upstream = (RecordingUpstream) pair[0];
      GatewayFixture gw = (GatewayFixture) pair[1];
      Future<HttpResponse<Buffer>> tls13 = get(https(vertx, CLIENT_ACME, "TLSv1.3"), gw, ACME_KEY);
      Future<HttpResponse<Buffer>> tls12 = get(https(vertx, CLIENT_ACME, "TLSv1.2"), gw, ACME_KEY);
      Future<HttpResponse<Buffer>> wrongCert = get(https(vertx, CLIENT_OTHER, "TLSv1.3"), gw, ACME_KEY);
      Future<HttpResponse<Buffer>> noCert = get(https(vertx, null, "TLSv1.3"), gw, ACME_KEY);
      Future<HttpResponse<Buffer>> unpinnedTenant = get(https(vertx, null, "TLSv1.3"), gw, GLOBEX_KEY);
      Future<HttpResponse<Buffer>> plain = gw.request(HttpMethod.GET, "/orders/ord_tls", ACME_KEY).send();
      return Future.join(tls13, tls12, wrongCert, noCert, unpinnedTenant, plain).transform(done -> {
        ctx.verify(() -> {
          assertEquals(200, tls13.result().statusCode());
          assertEquals(200, tls12.result().statusCode());
          assertEquals(401, wrongCert.result().statusCode(), "a trusted certificate that is not acme's");
          assertEquals(401, noCert.result().statusCode(), "acme's key alone is not enough");
          assertEquals(200, unpinnedTenant.result().statusCode(), "globex pins nothing");
          assertTrue(plain.failed(), "plain HTTP must not be served on the TLS port");
          assertEquals(3, upstream.seen().size());
        });
        return Future.succeededFuture();
      });
    }).onComplete(ctx.succeeding(v -> ctx.completeNow()));
  }

  @Test
  void weakCipherSuitesAreRefused(Vertx vertx, VertxTestContext ctx) throws Exception {
    RecordingUpstream.start(vertx).compose(u -> {
      try {
        return tlsGateway(vertx, u.baseUrl());
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
    }).compose(gw -> {
      WebClientOptions cbc = new WebClientOptions().setSsl(true).setTrustOptions(SERVER.trustOptions())
          .setVerifyHost(false).setEnabledSecureTransportProtocols(Set.of("TLSv1.2"))
          .addEnabledCipherSuite("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA");
      return get(WebClient.create(vertx, cbc), gw, GLOBEX_KEY);
    }).onComplete(ctx.failing(handshake -> ctx.completeNow()));
  }

  @Test
  void theUpstreamCertificateIsVerifiedWithNoFallback(Vertx vertx, VertxTestContext ctx) {
    RecordingUpstream.startTls(vertx, SERVER).compose(upstream ->
        GatewayFixture.start(vertx, upstream.baseUrl())
            .compose(untrusting -> untrusting.request(HttpMethod.GET, "/orders/ord_up", ACME_KEY).send())
            .compose(refused -> {
              ctx.verify(() -> {
                assertEquals(502, refused.statusCode(), "an unknown CA is a failed connection, not a warning");
                assertEquals(0, upstream.seen().size());
              });
              return GatewayFixture.start(vertx, upstream.baseUrl(),
                  config -> config.getJsonObject("upstream").put("ca_file", SERVER.certificatePath()), tenants -> { });
            })
            .compose(trusting -> trusting.request(HttpMethod.GET, "/orders/ord_up", ACME_KEY).send())
            .map(accepted -> {
              ctx.verify(() -> {
                assertEquals(200, accepted.statusCode());
                assertEquals(1, upstream.seen().size());
              });
              return accepted;
            }))
        .onComplete(ctx.succeeding(r -> ctx.completeNow()));
  }
}
