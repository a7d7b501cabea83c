package io.canopy.shared.error;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Every error answer of every function, whoever raised it (our {@link ApiException}s, Micronaut's router
 * for 404/405/415, security for 401/403, validation), leaves as one problem+json shape.
 */
@Singleton
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.status();
        if (status == HttpStatus.UNAUTHORIZED && !response.getHeaders().contains(HttpHeaders.WWW_AUTHENTICATE)) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        if (context.getRequest().getMethod() == HttpMethod.HEAD) {
            return (MutableHttpResponse<Problem>) response;
        }
        Problem problem = Problems.of(status, detail(context, status), fieldErrors(context, status));
        return ((MutableHttpResponse<Problem>) response).body(problem).contentType(Problem.MEDIA_TYPE);
    }

    private static String detail(ErrorContext context, HttpStatus status) {
        if (status.getCode() >= 500 && context.getRootCause().filter(ApiException.class::isInstance).isEmpty()) {
            // Unexpected failures may carry SQL, keys or internals in their message: never echo them.
            return "An unexpected error occurred.";
        }
        if (status == HttpStatus.UNPROCESSABLE_ENTITY && context.hasErrors()) {
            return "The request has invalid fields.";
        }
        return context.getErrors().stream().map(e -> e.getMessage()).filter(m -> m != null && !m.isBlank())
                .findFirst().orElse(null);
    }

    private static List<FieldError> fieldErrors(ErrorContext context, HttpStatus status) {
        if (status != HttpStatus.UNPROCESSABLE_ENTITY) {
            return null;
        }
        return context.getErrors().stream()
                .map(e -> new FieldError(e.getPath().map(p -> p.startsWith("/") ? p.substring(1) : p).orElse(""), e.getMessage()))
                .toList();
    }
}
