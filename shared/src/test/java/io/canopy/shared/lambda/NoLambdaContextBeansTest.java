package io.canopy.shared.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.canopy.testsupport.JwksServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.LambdaContextFactory;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** An invocation leaves no Lambda context objects behind as beans: registering them was most of a warm request. */
class NoLambdaContextBeansTest {

    @Test
    void invocation_servesTheRequest_withoutRegisteringTheLambdaContextAsBeans() {
        try (HttpApiFunction handler = new HttpApiFunction(ApplicationContext.builder()
                .properties(Map.of(JwksServer.JWKS_URL_PROPERTY, JwksServer.url())).build())) {
            ApplicationContext context = handler.getApplicationContext();
            assertInstanceOf(NoLambdaContextBeans.class, context.getBean(LambdaContextFactory.class));

            APIGatewayV2HTTPResponse response = handler.handleRequest(APIGatewayV2HTTPEvent.builder()
                    .withVersion("2.0")
                    .withRawPath("/nowhere")
                    .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                            .withRequestId("context-beans-test")
                            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").withPath("/nowhere").build())
                            .build())
                    .build(), new MockLambdaContext());

            assertEquals(404, response.getStatusCode(), response.getBody());
            assertFalse(context.containsBean(Context.class));
            assertFalse(context.containsBean(LambdaLogger.class));
        }
    }
}
