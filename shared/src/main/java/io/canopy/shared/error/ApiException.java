package io.canopy.shared.error;

import io.micronaut.http.HttpStatus;

import java.util.List;
import java.util.Map;

/**
 * An error the API answers on purpose. Domain code throws one of its factories; {@link ApiExceptionHandler}
 * turns it into problem+json. The message is the problem's {@code detail}, so it must be safe to show.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final transient List<FieldError> errors;
    private final transient Map<String, String> headers;

    public ApiException(HttpStatus status, String detail) {
        this(status, detail, List.of(), Map.of());
    }

    public ApiException(HttpStatus status, String detail, List<FieldError> errors, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.errors = List.copyOf(errors);
        this.headers = Map.copyOf(headers);
    }

    public HttpStatus status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(HttpStatus.UNAUTHORIZED, detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, detail);
    }

    /** Also the answer for another user's private resource: its existence is not revealed. */
    public static ApiException notFound(String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, detail);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(HttpStatus.CONFLICT, detail);
    }

    public static ApiException preconditionFailed(String detail) {
        return new ApiException(HttpStatus.PRECONDITION_FAILED, detail);
    }

    public static ApiException payloadTooLarge(String detail) {
        return new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, detail);
    }

    public static ApiException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static ApiException invalid(List<FieldError> errors) {
        return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "The request has invalid fields.", errors, Map.of());
    }

    public static ApiException tooManyRequests(String detail, long retryAfterSeconds) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, detail, List.of(),
                Map.of("Retry-After", Long.toString(Math.max(1, retryAfterSeconds))));
    }

    /** A dependency (database, another group) failed: 502 bad answer, 503 unavailable, 504 timed out. */
    public static ApiException dependencyFailed(HttpStatus status, String detail) {
        if (status != HttpStatus.BAD_GATEWAY && status != HttpStatus.SERVICE_UNAVAILABLE && status != HttpStatus.GATEWAY_TIMEOUT) {
            throw new IllegalArgumentException("not a dependency status: " + status);
        }
        return new ApiException(status, detail);
    }
}
