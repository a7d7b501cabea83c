package io.canopy.shared.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.ConversionService;
import io.micronaut.function.BinaryTypeConfiguration;
import io.micronaut.function.aws.DiagnosticInfoPopulator;
import io.micronaut.function.aws.LambdaContextFactory;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventHandler;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPResponseServletResponse;
import io.micronaut.servlet.http.BodyBuilder;
import io.micronaut.servlet.http.ServletExchange;
import java.util.Optional;

/**
 * Micronaut's payload 2.0 handler, building {@link HttpApiRequest}s. The beans every invocation needs are looked up
 * once here instead of on every request: the two each exchange is built with, and the two Micronaut's
 * {@code HandlerUtils.configureWithContext} looked up per invocation.
 */
class HttpApiHandler extends APIGatewayV2HTTPEventHandler {

    private final ConversionService conversionService;
    private final BinaryTypeConfiguration binaryTypes;
    private final BodyBuilder bodyBuilder;
    private final Optional<LambdaContextFactory> contextFactory;
    private final Optional<DiagnosticInfoPopulator> diagnostics;

    HttpApiHandler(ApplicationContext context) {
        super(context);
        this.conversionService = context.getConversionService();
        this.binaryTypes = context.getBean(BinaryTypeConfiguration.class);
        this.bodyBuilder = context.getBean(BodyBuilder.class);
        this.contextFactory = context.findBean(LambdaContextFactory.class);
        this.diagnostics = context.findBean(DiagnosticInfoPopulator.class);
    }

    /**
     * One invocation: what {@code HandlerUtils.configureWithContext} does (the Lambda context's beans, and the MDC
     * values the JSON log lines carry: request id, function, X-Ray trace id), then the exchange.
     */
    APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, @Nullable Context lambdaContext) {
        if (lambdaContext != null) {
            contextFactory.ifPresent(factory -> factory.registerSingletons(lambdaContext));
            diagnostics.ifPresent(populator -> populator.populateMappingDiagnosticContextValues(lambdaContext));
        }
        diagnostics.ifPresent(DiagnosticInfoPopulator::populateMappingDiagnosticContextWithXrayTraceId);
        return exchange(event, new APIGatewayV2HTTPResponse()).getResponse().getNativeResponse();
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
