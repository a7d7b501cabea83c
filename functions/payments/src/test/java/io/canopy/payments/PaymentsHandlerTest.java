package io.canopy.payments;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.canopy.shared.lambda.HttpApiFunction;
import io.canopy.testsupport.JwksServer;
import io.canopy.testsupport.LambdaEvents;
import io.canopy.testsupport.TestDynamoDb;
import io.canopy.testsupport.TestTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deployed handler class, fed payload 2.0 events the way Lambda's runtime decodes them: a base64 body with an
 * Idempotency-Key, path parameters, lower-case header names; the token's {@code email} claim drives the decline rule.
 */
class PaymentsHandlerTest {

    private static HttpApiFunction handler;

    @BeforeAll
    static void startHandler() {
        Map<String, Object> properties = new HashMap<>(TestDynamoDb.newTables());
        properties.put(JwksServer.JWKS_URL_PROPERTY, JwksServer.url());
        handler = new HttpApiFunction(ApplicationContext.builder().properties(properties).build());
    }

    @AfterAll
    static void stopHandler() {
        handler.close();
    }

    @Test
    void payThenReplayThenGet_returns201_theReplayedAnswer_andThePayment() {
        // GIVEN a user's token and a fresh Idempotency-Key
        String token = TestTokens.user(UUID.randomUUID());
        Map<String, String> values = Map.of("TOKEN", token, "KEY", "handler-" + UUID.randomUUID());

        // WHEN the handler runs the pay event twice, then a GET event for the payment
        APIGatewayV2HTTPResponse paid = handler.handleRequest(LambdaEvents.load("events/create-payment.json", values), new MockLambdaContext());
        APIGatewayV2HTTPResponse replayed = handler.handleRequest(LambdaEvents.load("events/create-payment.json", values), new MockLambdaContext());
        String id = paid.getBody().replaceAll(".*\"payment_id\":\"([^\"]+)\".*", "$1");
        APIGatewayV2HTTPResponse got = handler.handleRequest(LambdaEvents.load("events/get-payment.json", Map.of("TOKEN", token, "ID", id)), new MockLambdaContext());

        // THEN 201 paid with Location, the same answer replayed, and 200 with the payment
        assertEquals(201, paid.getStatusCode(), paid.getBody());
        assertEquals("/payments/" + id, LambdaEvents.header(paid, "Location"));
        assertTrue(paid.getBody().contains("\"order_id\":\"7d9e2c1a-3b4f-4a5e-8c6d-1e2f3a4b5c6d\""), paid.getBody());
        assertTrue(paid.getBody().contains("\"status\":\"paid\""), paid.getBody());
        assertEquals(201, replayed.getStatusCode(), replayed.getBody());
        assertEquals(paid.getBody(), replayed.getBody());
        assertEquals("true", LambdaEvents.header(replayed, "Idempotent-Replayed"));
        assertEquals(200, got.getStatusCode(), got.getBody());
        assertEquals(paid.getBody(), got.getBody());
    }

    @Test
    void pay_returnsAnInvalidPayment_whenTheTokenEmailMatchesTheDeclineRule() {
        // GIVEN a token whose email matches the default decline pattern
        String token = TestTokens.builder(UUID.randomUUID()).email("erin+decline@example.com").sign();

        // WHEN the handler runs the pay event
        APIGatewayV2HTTPResponse declined = handler.handleRequest(
                LambdaEvents.load("events/create-payment.json", Map.of("TOKEN", token, "KEY", "handler-" + UUID.randomUUID())), new MockLambdaContext());

        // THEN 201 with status invalid
        assertEquals(201, declined.getStatusCode(), declined.getBody());
        assertTrue(declined.getBody().contains("\"status\":\"invalid\""), declined.getBody());
    }

    @Test
    void getPayment_returns404Problem_forAnotherUsersPayment() {
        // GIVEN Alice's payment
        String alice = TestTokens.user(UUID.randomUUID());
        APIGatewayV2HTTPResponse paid = handler.handleRequest(
                LambdaEvents.load("events/create-payment.json", Map.of("TOKEN", alice, "KEY", "handler-" + UUID.randomUUID())), new MockLambdaContext());
        String id = paid.getBody().replaceAll(".*\"payment_id\":\"([^\"]+)\".*", "$1");

        // WHEN Bob's GET event asks for it
        APIGatewayV2HTTPResponse got = handler.handleRequest(
                LambdaEvents.load("events/get-payment.json", Map.of("TOKEN", TestTokens.user(UUID.randomUUID()), "ID", id)), new MockLambdaContext());

        // THEN a 404 problem
        assertEquals(404, got.getStatusCode(), got.getBody());
        assertEquals("application/problem+json", LambdaEvents.header(got, "Content-Type"));
    }
}
