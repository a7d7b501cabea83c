package io.canopy.orders.domain;

import io.canopy.shared.error.ApiException;
import io.micronaut.http.HttpStatus;

import java.util.List;
import java.util.Map;

/**
 * Payments or the kitchen did not do what was asked: 504 it did not answer in time, 503 it said it is unavailable,
 * 502 it is unreachable or answered with an error or something unreadable, 409 it is busy with another request for
 * the same order. The detail says which and is safe to show (no token, no body of the other side).
 */
public class DownstreamFailure extends ApiException {

    private DownstreamFailure(HttpStatus status, String detail, Map<String, String> headers) {
        super(status, detail, List.of(), headers);
    }

    public static DownstreamFailure timeout(String service, long millis) {
        return new DownstreamFailure(HttpStatus.GATEWAY_TIMEOUT, service + " did not answer within " + millis + " ms.", Map.of());
    }

    public static DownstreamFailure unavailable(String service, long retryAfterSeconds) {
        return new DownstreamFailure(HttpStatus.SERVICE_UNAVAILABLE, service + " is unavailable.",
                Map.of("Retry-After", Long.toString(Math.max(1, retryAfterSeconds))));
    }

    public static DownstreamFailure badGateway(String service, String what) {
        return new DownstreamFailure(HttpStatus.BAD_GATEWAY, service + " " + what + ".", Map.of());
    }

    /** The other side answered 409 to a request that is idempotent per order: another one for the order is running. */
    public static DownstreamFailure busy(String service) {
        return new DownstreamFailure(HttpStatus.CONFLICT, service + " is handling another request for this order.", Map.of());
    }

    /** The same failure with what it means for the order appended to the detail. */
    public DownstreamFailure meaning(String consequence) {
        return new DownstreamFailure(status(), getMessage() + " " + consequence, headers());
    }
}
