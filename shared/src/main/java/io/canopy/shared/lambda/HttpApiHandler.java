package io.canopy.shared.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.convert.ConversionService;
import io.micronaut.function.BinaryTypeConfiguration;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventHandler;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPResponseServletResponse;
import io.micronaut.servlet.http.BodyBuilder;
import io.micronaut.servlet.http.ServletExchange;

/**
 * Micronaut's payload 2.0 handler, building {@link HttpApiRequest}s. The two beans every exchange needs are looked up
 * once here instead of on every request.
 */
class HttpApiHandler extends APIGatewayV2HTTPEventHandler {

    private final ConversionService conversionService;
    private final BinaryTypeConfiguration binaryTypes;
    private final BodyBuilder bodyBuilder;

    HttpApiHandler(ApplicationContext context) {
        super(context);
        this.conversionService = context.getConversionService();
        this.binaryTypes = context.getBean(BinaryTypeConfiguration.class);
        this.bodyBuilder = context.getBean(BodyBuilder.class);
    }

    @Override
    protected ServletExchange<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> createExchange(
            APIGatewayV2HTTPEvent event, APIGatewayV2HTTPResponse response) {
        // The response class's constructor is protected; an empty subclass is Micronaut's own response.
        return new HttpApiRequest<>(event,
                new APIGatewayV2HTTPResponseServletResponse<>(conversionService, binaryTypes) { },
                conversionService, bodyBuilder);
    }
}
