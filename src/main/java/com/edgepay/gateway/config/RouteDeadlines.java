package com.edgepay.gateway.config;

import com.edgepay.gateway.api.ApiRoute;
import java.util.EnumMap;
import java.util.Map;

/** Reads a {@code {"POST /txns": 800, ...}} object of per-route deadline overrides. */
public final class RouteDeadlines {
  public static final long MAX_DEADLINE_MS = 60_000;

  private RouteDeadlines() {
  }

  public static Map<ApiRoute, Long> parse(SettingsReader deadlines) {
    Map<ApiRoute, Long> out = new EnumMap<>(ApiRoute.class);
    for (String label : deadlines.keys()) {
      ApiRoute route = ApiRoute.byLabel(label);
      if (route == null) {
        throw deadlines.fail(label, "is not a route; use one of the contract's, like \"POST /txns\"");
      }
      out.put(route, deadlines.number(label, 0, 1, MAX_DEADLINE_MS));
    }
    return out;
  }
}
