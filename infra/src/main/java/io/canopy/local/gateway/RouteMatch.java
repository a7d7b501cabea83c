package io.canopy.local.gateway;

import java.util.Map;

/**
 * The route a request selected.
 *
 * @param authorize      whether the JWT authorizer runs first; false on the method-mismatch fallback
 * @param routeKey       what the event's {@code routeKey} says, e.g. {@code GET /users/{id}} or {@code ANY /users/{id}}
 * @param pathParameters decoded values of the template's variables
 */
public record RouteMatch(String function, boolean authorize, String routeKey, Map<String, String> pathParameters) {
}
