package io.canopy.shared.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventBinder;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPResponseBinder;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import io.micronaut.servlet.http.ServletExchange;
import io.micronaut.servlet.http.ServletHttpRequest;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * A controller may still take the raw {@link APIGatewayV2HTTPEvent} or its {@link APIGatewayV2HTTPResponse} as an
 * argument: Micronaut's binders for them recognise only Micronaut's own request class; these recognise any
 * servlet-style request over a payload 2.0 event, ours ({@link HttpApiRequest}) included.
 */
final class HttpApiBinders {

    private HttpApiBinders() {
    }

    @Singleton
    @Replaces(APIGatewayV2HTTPEventBinder.class)
    static class EventBinder implements TypedRequestArgumentBinder<APIGatewayV2HTTPEvent> {

        private static final Argument<APIGatewayV2HTTPEvent> TYPE = Argument.of(APIGatewayV2HTTPEvent.class);

        @Override
        public Argument<APIGatewayV2HTTPEvent> argumentType() {
            return TYPE;
        }

        @Override
        public BindingResult<APIGatewayV2HTTPEvent> bind(ArgumentConversionContext<APIGatewayV2HTTPEvent> context,
                                                         HttpRequest<?> source) {
            if (source instanceof ServletHttpRequest<?, ?> request
                    && request.getNativeRequest() instanceof APIGatewayV2HTTPEvent event) {
                return () -> Optional.of(event);
            }
            return BindingResult.UNSATISFIED;
        }
    }

    @Singleton
    @Replaces(APIGatewayV2HTTPResponseBinder.class)
    static class ResponseBinder implements TypedRequestArgumentBinder<APIGatewayV2HTTPResponse> {

        private static final Argument<APIGatewayV2HTTPResponse> TYPE = Argument.of(APIGatewayV2HTTPResponse.class);

        @Override
        public Argument<APIGatewayV2HTTPResponse> argumentType() {
            return TYPE;
        }

        @Override
        public BindingResult<APIGatewayV2HTTPResponse> bind(
                ArgumentConversionContext<APIGatewayV2HTTPResponse> context, HttpRequest<?> source) {
            if (source instanceof ServletExchange<?, ?> exchange
                    && exchange.getResponse().getNativeResponse() instanceof APIGatewayV2HTTPResponse response) {
                return () -> Optional.of(response);
            }
            return BindingResult.UNSATISFIED;
        }
    }
}
