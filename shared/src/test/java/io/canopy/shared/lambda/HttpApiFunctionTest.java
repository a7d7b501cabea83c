package io.canopy.shared.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.canopy.shared.security.Anonymous;
import io.canopy.testsupport.JwksServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.function.aws.DefaultDiagnosticInfoPopulator;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The deployed handler's request: what a controller sees of a payload 2.0 event, headers built once. */
class HttpApiFunctionTest {

    private static HttpApiFunction function;

    @BeforeAll
    static void start() {
        function = new HttpApiFunction(ApplicationContext.builder().properties(Map.of(
                "spec.name", "HttpApiFunctionTest",
                JwksServer.JWKS_URL_PROPERTY, JwksServer.url())).build());
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    @Test
    void get_seesTheEventsHeadersAndQuery_andAHeaderAFilterAdded() throws IOException {
        MDC.clear();
        APIGatewayV2HTTPResponse response = function.handleRequest(event("GET", "/seen",
                Map.of("tags", "red,green", "single", "x"), Map.of("X-Client", "test-suite"), null, false),
                new MockLambdaContext());

        assertEquals(200, response.getStatusCode(), response.getBody());
        Seen seen = json().readValue(response.getBody(), Seen.class);
        assertEquals("test-suite", seen.client());
        assertEquals("by-filter", seen.addedByFilter());
        assertEquals(List.of("red", "green"), seen.tags());
        assertEquals("x", seen.single());
        assertEquals(true, seen.headersBuiltOnce());
        assertEquals("seen-test", seen.eventRequestId());
        assertEquals(true, seen.responseBound());
        // AND the Lambda context's values are in the MDC the JSON log lines carry, as with Micronaut's handler
        assertNotNull(MDC.get(DefaultDiagnosticInfoPopulator.MDC_DEFAULT_FUNCTION_MEMORY_SIZE));
    }

    @Test
    void post_bindsAPlainOrBase64Body_andAGetWithoutOneIsServed() throws IOException {
        String body = "{\"text\":\"héllo\"}";
        for (boolean base64 : new boolean[] {false, true}) {
            APIGatewayV2HTTPResponse response = function.handleRequest(event("POST", "/seen", Map.of(),
                    Map.of("Content-Type", "application/json"), body, base64), new MockLambdaContext());
            assertEquals(200, response.getStatusCode(), response.getBody());
            assertEquals("héllo", json().readValue(response.getBody(), Note.class).text());
        }

        APIGatewayV2HTTPResponse empty = function.handleRequest(event("GET", "/seen/body", Map.of(), Map.of(), null,
                false), new MockLambdaContext());
        assertEquals(200, empty.getStatusCode(), empty.getBody());
        assertEquals("0", empty.getBody());
    }

    private static JsonMapper json() {
        return function.getApplicationContext().getBean(JsonMapper.class);
    }

    private static APIGatewayV2HTTPEvent event(String method, String path, Map<String, String> query,
                                               Map<String, String> headers, String body, boolean base64) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRawPath(path)
                .withQueryStringParameters(query)
                .withHeaders(headers)
                .withBody(body == null ? null
                        : base64 ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) : body)
                .withIsBase64Encoded(base64)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId("seen-test")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build())
                        .build())
                .build();
    }

    @Serdeable
    record Seen(String client, String addedByFilter, List<String> tags, String single, boolean headersBuiltOnce,
                String eventRequestId, boolean responseBound) {
    }

    @Serdeable
    record Note(String text) {
    }

    @Requires(property = "spec.name", value = "HttpApiFunctionTest")
    @ServerFilter("/seen/**")
    static class AddingFilter {

        @RequestFilter
        void add(MutableHttpRequest<?> request) {
            request.getHeaders().add("X-Added", "by-filter");
        }
    }

    @Requires(property = "spec.name", value = "HttpApiFunctionTest")
    @Controller("/seen")
    @Anonymous
    static class SeenController {

        @Get
        Seen seen(HttpRequest<?> request, APIGatewayV2HTTPEvent event, @Nullable APIGatewayV2HTTPResponse response) {
            return new Seen(request.getHeaders().get("x-client"), request.getHeaders().get("X-ADDED"),
                    request.getParameters().getAll("tags"), request.getParameters().get("single"),
                    request.getHeaders() == request.getHeaders(), event.getRequestContext().getRequestId(),
                    response != null);
        }

        @Post
        Note echo(@Body Note note) {
            return note;
        }

        @Get("/body")
        long bodyLength(ServerHttpRequest<?> request) {
            return request.byteBody().expectedLength().orElse(-1);
        }
    }
}
