package com.edgepay.gateway.tenant;

import com.edgepay.gateway.config.ConfigException;
import com.edgepay.gateway.config.RouteDeadlines;
import com.edgepay.gateway.config.SettingsReader;
import com.edgepay.gateway.routing.RoutingIdPolicy;
import com.edgepay.gateway.config.UpstreamEndpoint;
import com.edgepay.gateway.overload.RateLimit;
import com.edgepay.gateway.validation.ValidationMode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads and validates the tenant registry file (the contract's shape, plus optional policy). */
public final class TenantsParser {
  private static final Logger LOG = LoggerFactory.getLogger(TenantsParser.class);
  private static final Pattern TENANT_ID = Pattern.compile("[a-z0-9_-]{1,32}");
  private static final Pattern MERCHANT_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final Set<String> KNOWN = Set.of("id", "merchant_id", "api_key_sha256", "base_url",
      "routing_id_policy", "validation_mode", "deadlines_ms", "rate_limit", "client_cert_sha256", "max_txn_attempts",
      "max_in_flight");

  private TenantsParser() {
  }

  /** A registry whose base URLs must be https:// unless loopback (upstream.allow_plain_http false). */
  public static TenantRegistry parse(String file, JsonObject json) {
    return parse(file, json, false);
  }

  /**
   * @param allowPlainHttp {@code upstream.allow_plain_http}: a tenant's {@code base_url} may be plain
   *     http:// to a host that is not loopback
   */
  public static TenantRegistry parse(String file, JsonObject json, boolean allowPlainHttp) {
    SettingsReader root = new SettingsReader(file, json);
    JsonArray array = root.array("tenants");
    if (array.isEmpty()) {
      throw root.fail("tenants", "must list at least one tenant");
    }
    List<Tenant> tenants = new ArrayList<>();
    Map<KeyDigest, String> keyOwners = new HashMap<>();
    Map<String, String> merchantOwners = new HashMap<>();
    for (int i = 0; i < array.size(); i++) {
      Tenant t = tenant(root.element("tenants", i), allowPlainHttp);
      if (tenants.stream().anyMatch(other -> other.id().equals(t.id()))) {
        throw new ConfigException(file, "tenants[" + i + "].id '" + t.id() + "' is listed twice");
      }
      // One merchant, one tenant: the store keys idempotency and routing records by tenant, so a
      // merchant split over two tenants would have two namespaces, and a retry through the other
      // tenant's key would be sent again. Compared ignoring case, to be safe either way.
      String merchantOwner = merchantOwners.putIfAbsent(t.merchantId().toLowerCase(Locale.ROOT), t.id());
      if (merchantOwner != null) {
        throw new ConfigException(file, "tenants[" + i + "].merchant_id '" + t.merchantId() + "' belongs to tenant '"
            + merchantOwner + "' already: a merchant belongs to one tenant only (two would split its idempotency records)");
      }
      for (KeyDigest d : t.keys()) {
        String owner = keyOwners.putIfAbsent(d, t.id());
        if (owner != null) {
          throw new ConfigException(file, "tenants[" + i + "].api_key_sha256 repeats a key of tenant '" + owner + "'");
        }
      }
      tenants.add(t);
    }
    return new TenantRegistry(tenants);
  }

  private static Tenant tenant(SettingsReader t, boolean allowPlainHttp) {
    String id = t.requiredString("id");
    if (!TENANT_ID.matcher(id).matches()) {
      throw t.fail("id", "'" + id + "' must match [a-z0-9_-]{1,32}");
    }
    String merchantId = t.requiredString("merchant_id");
    if (!MERCHANT_ID.matcher(merchantId).matches()) {
      throw t.fail("merchant_id", "must match [A-Za-z0-9_.-]{1,64}");
    }
    for (String field : t.keys()) {
      if (!KNOWN.contains(field)) {
        LOG.warn("tenant '{}': ignoring unknown field '{}'", id, field);
      }
    }
    return new Tenant(id, merchantId, keys(t), endpoint(t, id, allowPlainHttp),
        choice(t, "routing_id_policy", RoutingIdPolicy.REJECT, RoutingIdPolicy::parse),
        choice(t, "validation_mode", ValidationMode.ENFORCE, ValidationMode::parse),
        RouteDeadlines.parse(t.object("deadlines_ms")),
        rateLimit(t),
        t.has("client_cert_sha256") ? digests(t, "client_cert_sha256") : List.of(),
        (int) t.number("max_txn_attempts", Tenant.DEFAULT_MAX_TXN_ATTEMPTS, 1, Tenant.JUSPAY_MAX_TXN_ATTEMPTS),
        (int) t.number("max_in_flight", 0, 1, 1_000_000));
  }

  private static RateLimit rateLimit(SettingsReader t) {
    if (!t.has("rate_limit")) {
      return null;
    }
    SettingsReader r = t.object("rate_limit");
    long perSecond = r.number("per_second", 0, 1, 1_000_000);
    if (perSecond == 0) {
      throw r.fail("per_second", "is required (requests per second, per replica)");
    }
    return new RateLimit(perSecond, r.number("burst", perSecond, 1, 10_000_000));
  }

  private static List<KeyDigest> keys(SettingsReader t) {
    return digests(t, "api_key_sha256");
  }

  private static List<KeyDigest> digests(SettingsReader t, String field) {
    JsonArray hashes = t.array(field);
    if (hashes.isEmpty()) {
      throw t.fail(field, "must hold at least one SHA-256");
    }
    List<KeyDigest> keys = new ArrayList<>();
    for (int i = 0; i < hashes.size(); i++) {
      Object v = hashes.getValue(i);
      try {
        keys.add(KeyDigest.fromHex(v instanceof String s ? s : null));
      } catch (IllegalArgumentException e) {
        throw t.fail(field + "[" + i + "]", e.getMessage());
      }
    }
    return keys;
  }

  private static UpstreamEndpoint endpoint(SettingsReader t, String id, boolean allowPlainHttp) {
    String url = t.string("base_url", null);
    if (url == null) {
      return null;
    }
    UpstreamEndpoint endpoint;
    try {
      endpoint = UpstreamEndpoint.parse(url).requireTls(allowPlainHttp);
    } catch (IllegalArgumentException e) {
      throw t.fail("base_url", e.getMessage());
    }
    if (!endpoint.ssl() && !endpoint.loopback()) {
      LOG.warn("tenant '{}': upstream {} is plain http:// (upstream.allow_plain_http is true): its Juspay key "
          + "crosses the network in clear; a development cluster only", id, endpoint);
    }
    return endpoint;
  }

  private static <E extends Enum<E>> E choice(SettingsReader t, String key, E fallback,
      java.util.function.Function<String, E> parse) {
    String v = t.string(key, null);
    if (v == null) {
      return fallback;
    }
    try {
      return parse.apply(v);
    } catch (IllegalArgumentException e) {
      throw t.fail(key, "'" + v + "' is not one of " + java.util.Arrays.toString(fallback.getDeclaringClass().getEnumConstants()).toLowerCase());
    }
  }
}
