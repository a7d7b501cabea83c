package io.canopy.shared.http;

import io.canopy.shared.error.ApiException;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Refuses bodies over 1 MiB with 413 before anything parses them. On Lambda there is no Netty limit to lean
 * on (the gateway hands over up to 6 MB), so the function checks the bytes it was given.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class BodySizeFilter implements Ordered {

    public static final int MAX_BODY_BYTES = 1024 * 1024;

    @RequestFilter
    public void rejectLargeBodies(HttpRequest<?> request) {
        long declared = request.getContentLength();
        if (declared > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        if (request instanceof io.micronaut.http.ServerHttpRequest<?> serverRequest
                && serverRequest.byteBody().expectedLength().orElse(0) > MAX_BODY_BYTES) {
            throw tooLarge();
        }
    }

    private static ApiException tooLarge() {
        return ApiException.payloadTooLarge("The request body is larger than 1 MiB.");
    }

    @Override
    public int getOrder() {
        // Before security and body binding (only the request-id filter runs earlier): an oversized body is refused
        // whoever sends it.
        return ServerFilterPhase.FIRST.order();
    }
}
