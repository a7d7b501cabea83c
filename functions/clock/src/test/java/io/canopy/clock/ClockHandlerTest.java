package io.canopy.clock;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.canopy.shared.lambda.HttpApiFunction;
import io.canopy.testsupport.JwksServer;
import io.canopy.testsupport.LambdaEvents;
import io.canopy.testsupport.TestTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The deployed handler class, fed payload 2.0 events the way Lambda's runtime decodes them. */
class ClockHandlerTest {

    private static HttpApiFunction handler;

    @BeforeAll
    static void startHandler() {
        handler = new HttpApiFunction(ApplicationContext.builder()
                .properties(Map.of(JwksServer.JWKS_URL_PROPERTY, JwksServer.url()))
                .build());
    }

    @AfterAll
    static void stopHandler() {
        handler.close();
    }

    @Test
    void timeCurrent_returns200WithJson_whenEventCarriesValidToken() {
        // GIVEN an HTTP API event with a bearer token that holds the time permission
        APIGatewayV2HTTPEvent event = LambdaEvents.load("events/time-current.json",
                Map.of("TOKEN", TestTokens.user(UUID.randomUUID())));
        // WHEN the Lambda handler runs it
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, new MockLambdaContext());
        // THEN the body is the current time and the request id is echoed
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertTrue(response.getHeaders().get("Content-Type").startsWith("application/json"));
        Instant current = Instant.parse(response.getBody().replaceAll(".*\"current_time\":\"([^\"]+)\".*", "$1"));
        assertTrue(Math.abs(current.getEpochSecond() - Instant.now().getEpochSecond()) < 5, response.getBody());
        assertEquals("clock-request-1", response.getHeaders().get("X-Request-Id"), response.getHeaders() + " / " + response.getMultiValueHeaders());
    }

    @Test
    void timeCurrent_returns401Problem_whenTokenIsExpired() {
        String expired = TestTokens.builder(UUID.randomUUID()).expiresAt(Instant.now().minusSeconds(60)).sign();
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                LambdaEvents.load("events/time-current.json", Map.of("TOKEN", expired)), new MockLambdaContext());
        assertEquals(401, response.getStatusCode());
        assertEquals("application/problem+json", response.getHeaders().get("Content-Type"));
        assertEquals("Bearer", response.getHeaders().get("WWW-Authenticate"));
    }

    @Test
    void timeEpoch_returns401_whenOnlyGatewayClaimsAndIdentityHeaderArePresent() {
        // GIVEN an event with authorizer claims and an x-amzn-oidc-identity header but no bearer token:
        // identity must come from a token the function verifies itself, never from these
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                LambdaEvents.load("events/time-epoch-gateway-claims-only.json", Map.of()), new MockLambdaContext());
        assertEquals(401, response.getStatusCode(), response.getBody());
    }
}
