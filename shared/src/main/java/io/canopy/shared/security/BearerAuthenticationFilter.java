package io.canopy.shared.security;

import io.canopy.shared.error.ApiException;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteMatch;

import java.util.Optional;

/**
 * Every route is protected unless it is {@link Anonymous}: a request to it needs {@code Authorization: Bearer <token>}
 * with a token {@link BearerTokens} accepts, or it is answered 401 before its body is read or its controller runs. The
 * caller is then kept on the request for {@link CallerArgumentBinder}. A request that matches no route goes on to the
 * router's own 404 or 405. Anonymous routes ignore any token they are sent.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class BearerAuthenticationFilter implements Ordered {

    static final String CALLER_ATTRIBUTE = "canopy.caller";
    private static final String SCHEME = "Bearer ";

    private final BearerTokens tokens;

    public BearerAuthenticationFilter(BearerTokens tokens) {
        this.tokens = tokens;
    }

    @RequestFilter
    public void authenticate(HttpRequest<?> request) {
        Optional<RouteMatch<?>> route = RouteAttributes.getRouteMatch(request);
        if (route.isEmpty() || route.get().getRouteInfo().getAnnotationMetadata().hasAnnotation(Anonymous.class)) {
            return;
        }
        String authorization = request.getHeaders().getAuthorization().orElse("");
        if (!authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw ApiException.unauthorized("A valid bearer token is required.");
        }
        request.setAttribute(CALLER_ATTRIBUTE, tokens.verify(authorization.substring(SCHEME.length()).trim()));
    }

    static Optional<Caller> caller(HttpRequest<?> request) {
        return request.getAttribute(CALLER_ATTRIBUTE, Caller.class);
    }

    @Override
    public int getOrder() {
        // Where micronaut-security's filter ran: after the request id and body size filters, before body binding.
        return ServerFilterPhase.SECURITY.order();
    }
}
