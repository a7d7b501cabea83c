package io.canopy.shared.error;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.bind.exceptions.UnsatisfiedArgumentException;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ConversionErrorHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.JsonExceptionHandler;
import io.micronaut.http.server.exceptions.UnsatisfiedArgumentHandler;
import io.micronaut.http.server.exceptions.UnsatisfiedRouteHandler;
import io.micronaut.web.router.exceptions.UnsatisfiedBodyRouteException;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.json.JsonSyntaxException;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * How a request that cannot be bound is answered: a body that is not JSON (or not an object) is 400;
 * a value of the wrong type, an unknown field or a missing parameter is 422 naming the field.
 */
final class RequestBindingHandlers {

    private RequestBindingHandlers() {
    }

    static final String NOT_JSON = "The request body is not a valid JSON object.";

    static HttpResponse<?> badBody(ErrorResponseProcessor<?> processor, HttpRequest<?> request, Throwable cause) {
        return processor.processResponse(ErrorContext.builder(request).cause(cause).errorMessage(NOT_JSON).build(),
                HttpResponse.status(HttpStatus.BAD_REQUEST));
    }

    static HttpResponse<?> invalidField(ErrorResponseProcessor<?> processor, HttpRequest<?> request, Throwable cause,
                                        String field, String message) {
        return processor.processResponse(ErrorContext.builder(request).cause(cause)
                        .errors(ApiExceptionHandler.toErrors(List.of(new FieldError(field, message)))).build(),
                HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY));
    }

    /** The name the client used: {@code @QueryValue("usage_type_id")} or the parameter's name in snake_case. */
    static String parameterName(Argument<?> argument) {
        return argument.getAnnotationMetadata().stringValue(Bindable.class)
                .filter(name -> !name.isEmpty())
                .orElseGet(() -> JsonNames.snakeCase(argument.getName()));
    }

    @Singleton
    @Produces
    @Replaces(ConversionErrorHandler.class)
    static class ConversionFailure implements ExceptionHandler<ConversionErrorException, HttpResponse<?>> {
        private final ErrorResponseProcessor<?> processor;

        ConversionFailure(ErrorResponseProcessor<?> processor) {
            this.processor = processor;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, ConversionErrorException exception) {
            if (exception.getArgument().getAnnotationMetadata().hasAnnotation(Body.class)) {
                return badBody(processor, request, exception);
            }
            return invalidField(processor, request, exception, parameterName(exception.getArgument()),
                    "has the wrong type or format");
        }
    }

    @Singleton
    @Produces
    @Replaces(UnsatisfiedArgumentHandler.class)
    static class MissingArgument implements ExceptionHandler<UnsatisfiedArgumentException, HttpResponse<?>> {
        private final ErrorResponseProcessor<?> processor;

        MissingArgument(ErrorResponseProcessor<?> processor) {
            this.processor = processor;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, UnsatisfiedArgumentException exception) {
            if (exception.getArgument().getAnnotationMetadata().hasAnnotation(Body.class)) {
                return badBody(processor, request, exception);
            }
            return invalidField(processor, request, exception, parameterName(exception.getArgument()), "is required");
        }
    }

    @Singleton
    @Produces
    @Replaces(UnsatisfiedRouteHandler.class)
    static class MissingRouteValue implements ExceptionHandler<UnsatisfiedRouteException, HttpResponse<?>> {
        private final ErrorResponseProcessor<?> processor;

        MissingRouteValue(ErrorResponseProcessor<?> processor) {
            this.processor = processor;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, UnsatisfiedRouteException exception) {
            if (exception instanceof UnsatisfiedBodyRouteException) {
                return badBody(processor, request, exception);
            }
            return invalidField(processor, request, exception, parameterName(exception.getArgument()), "is required");
        }
    }

    @Singleton
    @Produces
    @Replaces(JsonExceptionHandler.class)
    static class MalformedJson implements ExceptionHandler<JsonSyntaxException, HttpResponse<?>> {
        private final ErrorResponseProcessor<?> processor;

        MalformedJson(ErrorResponseProcessor<?> processor) {
            this.processor = processor;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, JsonSyntaxException exception) {
            return badBody(processor, request, exception);
        }
    }
}
