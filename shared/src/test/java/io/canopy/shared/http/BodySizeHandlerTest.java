package io.canopy.shared.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.canopy.shared.lambda.HttpApiFunction;
import io.canopy.testsupport.JwksServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** On Lambda no server limits the body: the function itself refuses more than 1 MiB, however it arrives. */
class BodySizeHandlerTest {

    private static HttpApiFunction handler;

    @BeforeAll
    static void start() {
        handler = new HttpApiFunction(ApplicationContext.builder().properties(Map.of(
                "spec.name", "ProblemHandlingTest",
                JwksServer.JWKS_URL_PROPERTY, JwksServer.url())).build());
    }

    @AfterAll
    static void stop() {
        handler.close();
    }

    @Test
    void post_returns413Problem_whenBodyIsOver1MiB() {
        String body = "{\"display_name\":\"" + "x".repeat(BodySizeFilter.MAX_BODY_BYTES) + "\",\"count\":1}";
        APIGatewayV2HTTPResponse plain = handler.handleRequest(event(body, false), new MockLambdaContext());
        APIGatewayV2HTTPResponse base64 = handler.handleRequest(event(body, true), new MockLambdaContext());
        assertEquals(413, plain.getStatusCode(), plain.getBody());
        assertEquals("application/problem+json", plain.getHeaders().get("Content-Type"));
        assertEquals(413, base64.getStatusCode(), base64.getBody());
    }

    @Test
    void post_isAccepted_whenBodyIsJustUnder1MiB() {
        String body = "{\"display_name\":\"a\",\"count\":1,\"pad\":\"" + "x".repeat(BodySizeFilter.MAX_BODY_BYTES - 100) + "\"}";
        APIGatewayV2HTTPResponse response = handler.handleRequest(event(body, false), new MockLambdaContext());
        // not 413: it reaches binding, which refuses the unknown field "pad"
        assertEquals(422, response.getStatusCode(), response.getBody().substring(0, Math.min(300, response.getBody().length())));
    }

    private static APIGatewayV2HTTPEvent event(String body, boolean base64) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("POST /things")
                .withRawPath("/things")
                .withHeaders(Map.of("content-type", "application/json"))
                .withBody(base64 ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) : body)
                .withIsBase64Encoded(base64)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId("size-test")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").withPath("/things").build())
                        .build())
                .build();
    }
}
