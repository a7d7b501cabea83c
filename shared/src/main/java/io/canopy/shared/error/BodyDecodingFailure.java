package io.canopy.shared.error;

import io.micronaut.core.beans.BeanIntrospection;
import io.micronaut.core.beans.BeanIntrospector;
import io.micronaut.core.beans.BeanProperty;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.codec.CodecException;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.web.router.RouteInfo;
import io.micronaut.servlet.http.ServletHttpRequest;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON body that did not decode into the endpoint's request record. Not JSON, or not an object: 400.
 * An object with a field of the wrong type: 422 naming that field, found by decoding the body's fields one by
 * one (the decoder's own message does not always name the field).
 */
@Singleton
@Produces
public class BodyDecodingFailure implements ExceptionHandler<CodecException, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> processor;
    private final JsonMapper jsonMapper;

    public BodyDecodingFailure(ErrorResponseProcessor<?> processor, JsonMapper jsonMapper) {
        this.processor = processor;
        this.jsonMapper = jsonMapper;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, CodecException exception) {
        Optional<JsonNode> tree = bodyTree(request);
        if (tree.isEmpty() || !tree.get().isObject()) {
            return RequestBindingHandlers.badBody(processor, request, exception);
        }
        Optional<Argument<?>> bodyType = bodyArgument(request);
        if (bodyType.isPresent()) {
            Optional<String> field = firstBadField(tree.get(), bodyType.get());
            if (field.isPresent()) {
                return RequestBindingHandlers.invalidField(processor, request, exception, field.get(), fieldMessage(tree.get(), bodyType.get(), field.get()));
            }
        }
        return RequestBindingHandlers.invalidField(processor, request, exception, "body", "does not match the expected fields");
    }

    private Optional<JsonNode> bodyTree(HttpRequest<?> request) {
        if (!(request instanceof ServletHttpRequest<?, ?> servletRequest)) {
            return Optional.empty();
        }
        try (InputStream in = servletRequest.getInputStream()) {
            return Optional.of(jsonMapper.readValue(in, JsonNode.class));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Argument<?>> bodyArgument(HttpRequest<?> request) {
        return request.getAttribute(HttpAttributes.ROUTE_INFO, RouteInfo.class)
                .flatMap(route -> ((RouteInfo<?>) route).getRequestBodyType());
    }

    /** The JSON name of the first field that is unknown or does not decode into its declared type. */
    private Optional<String> firstBadField(JsonNode object, Argument<?> bodyType) {
        Optional<? extends BeanIntrospection<?>> introspection = BeanIntrospector.SHARED.findIntrospection(bodyType.getType());
        if (introspection.isEmpty()) {
            return Optional.empty();
        }
        for (Map.Entry<String, JsonNode> entry : object.entries()) {
            Optional<? extends BeanProperty<?, ?>> property = propertyFor(introspection.get(), entry.getKey());
            if (property.isEmpty()) {
                return Optional.of(entry.getKey());
            }
            if (entry.getValue().isNull()) {
                continue;
            }
            try {
                jsonMapper.readValueFromTree(entry.getValue(), property.get().asArgument());
            } catch (IOException | RuntimeException e) {
                return Optional.of(entry.getKey());
            }
        }
        return Optional.empty();
    }

    private String fieldMessage(JsonNode object, Argument<?> bodyType, String field) {
        Optional<? extends BeanIntrospection<?>> introspection = BeanIntrospector.SHARED.findIntrospection(bodyType.getType());
        return introspection.flatMap(i -> propertyFor(i, field)).isPresent()
                ? "has the wrong type or format" : "is not a known field";
    }

    private static Optional<? extends BeanProperty<?, ?>> propertyFor(BeanIntrospection<?> introspection, String jsonName) {
        return introspection.getBeanProperties().stream()
                .filter(p -> JsonNames.snakeCase(p.getName()).equals(jsonName) || p.getName().equals(jsonName))
                .findFirst();
    }
}
