package com.edgepay.gateway.tenant;

import com.edgepay.gateway.api.ErrorCode;
import com.edgepay.gateway.api.GatewayError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tenants known at start, and the one way a request becomes a tenant: its gateway key. */
public final class TenantRegistry {
  private static final GatewayError UNAUTHORIZED =
      GatewayError.of(ErrorCode.UNAUTHORIZED, "A valid gateway key is required in the Authorization header");

  private final Map<String, Tenant> byId;
  private final Map<Long, List<Candidate>> bySelector;

  private record Candidate(KeyDigest digest, Tenant tenant) {
  }

  public TenantRegistry(Collection<Tenant> tenants) {
    Map<String, Tenant> ids = new LinkedHashMap<>();
    Map<Long, List<Candidate>> selectors = new HashMap<>();
    for (Tenant t : tenants) {
      ids.put(t.id(), t);
      for (KeyDigest d : t.keys()) {
        selectors.computeIfAbsent(d.selector(), s -> new ArrayList<>(1)).add(new Candidate(d, t));
      }
    }
    this.byId = Map.copyOf(ids);
    this.bySelector = Map.copyOf(selectors);
  }

  /** @throws GatewayError UNAUTHORIZED when the header holds no key, or one no tenant owns */
  public Tenant authenticate(String authorizationHeader) {
    String key = PresentedKey.from(authorizationHeader);
    if (key == null) {
      throw UNAUTHORIZED;
    }
    byte[] presented = KeyDigest.digestOf(key);
    List<Candidate> candidates = bySelector.get(KeyDigest.selectorOf(presented));
    if (candidates != null) {
      for (Candidate c : candidates) {
        if (c.digest().matches(presented)) {
          return c.tenant();
        }
      }
    }
    throw UNAUTHORIZED;
  }

  public Tenant byId(String id) {
    return byId.get(id);
  }

  public Collection<Tenant> all() {
    return byId.values();
  }
}
