package com.edgepay.gateway.api;

/** A request matched to a contract route, with its path parameter already validated. */
public record RouteMatch(ApiRoute route, String pathParam) {
}
