package io.canopy.shared.error;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

@Singleton
@Produces
public class ApiExceptionHandler implements ExceptionHandler<ApiException, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> processor;

    public ApiExceptionHandler(ErrorResponseProcessor<?> processor) {
        this.processor = processor;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ApiException exception) {
        MutableHttpResponse<?> response = HttpResponse.status(exception.status());
        exception.headers().forEach(response::header);
        ErrorContext.Builder context = ErrorContext.builder(request).cause(exception);
        if (exception.errors().isEmpty()) {
            context.errorMessage(exception.getMessage());
        } else {
            context.errors(exception.errors().stream().map(ApiExceptionHandler::toError).toList());
        }
        return processor.processResponse(context.build(), response);
    }

    static Error toError(FieldError fieldError) {
        return new Error() {
            @Override
            public String getMessage() {
                return fieldError.message();
            }

            @Override
            public Optional<String> getPath() {
                return Optional.of(fieldError.field());
            }
        };
    }

    static List<Error> toErrors(List<FieldError> errors) {
        return errors.stream().map(ApiExceptionHandler::toError).toList();
    }
}
