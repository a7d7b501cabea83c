package io.canopy.kitchen;

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
 * The deployed handler class, fed payload 2.0 events the way Lambda's runtime decodes them: a base64 body, path
 * parameters, query parameters, lower-case header names.
 */
class KitchenHandlerTest {

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
    void createTwiceThenCancel_returns201Then200_withTheSameSchedule() {
        // GIVEN a user's token and the create event (base64 body)
        String token = TestTokens.user(UUID.randomUUID());

        // WHEN the handler runs the create event twice, then the cancel event for the schedule
        APIGatewayV2HTTPResponse created = handler.handleRequest(LambdaEvents.load("events/create-schedule.json", Map.of("TOKEN", token)), new MockLambdaContext());
        APIGatewayV2HTTPResponse again = handler.handleRequest(LambdaEvents.load("events/create-schedule.json", Map.of("TOKEN", token)), new MockLambdaContext());
        String id = created.getBody().replaceAll("^\\{\"id\":\"([^\"]+)\".*", "$1");
        APIGatewayV2HTTPResponse cancelled = handler.handleRequest(
                LambdaEvents.load("events/cancel-schedule.json", Map.of("TOKEN", token, "ID", id)), new MockLambdaContext());

        // THEN 201 with Location and ETag, 200 with the same schedule, then 200 cancelled with ETag "2"
        assertEquals(201, created.getStatusCode(), created.getBody());
        assertEquals("/kitchen/schedules/" + id, LambdaEvents.header(created, "Location"));
        assertEquals("\"1\"", LambdaEvents.header(created, "ETag"));
        assertTrue(created.getBody().contains("\"order_id\":\"5f0c7f4e-2b1a-4d8e-9c33-0a1b2c3d4e5f\""), created.getBody());
        assertTrue(created.getBody().contains("\"quantity\":3"), created.getBody());
        assertEquals(200, again.getStatusCode(), again.getBody());
        assertEquals(created.getBody(), again.getBody());
        assertEquals(200, cancelled.getStatusCode(), cancelled.getBody());
        assertTrue(cancelled.getBody().contains("\"status\":\"cancelled\""), cancelled.getBody());
        assertEquals("\"2\"", LambdaEvents.header(cancelled, "ETag"));
    }

    @Test
    void listSchedules_returns200_forProgressFalse_and422ProblemForMaybe() {
        // GIVEN a user without schedules
        String token = TestTokens.user(UUID.randomUUID());

        // WHEN the handler runs the list event with progress=false, then with progress=maybe
        APIGatewayV2HTTPResponse listed = handler.handleRequest(
                LambdaEvents.load("events/list-schedules.json", Map.of("TOKEN", token, "PROGRESS", "false")), new MockLambdaContext());
        APIGatewayV2HTTPResponse invalid = handler.handleRequest(
                LambdaEvents.load("events/list-schedules.json", Map.of("TOKEN", token, "PROGRESS", "maybe")), new MockLambdaContext());

        // THEN an empty page, then a 422 problem
        assertEquals(200, listed.getStatusCode(), listed.getBody());
        assertEquals("{\"items\":[],\"next_cursor\":null}", listed.getBody());
        assertEquals(422, invalid.getStatusCode(), invalid.getBody());
        assertEquals("application/problem+json", LambdaEvents.header(invalid, "Content-Type"));
    }

    @Test
    void cancel_returns401Problem_whenTheTokenIsExpired() {
        // GIVEN an expired token
        String expired = TestTokens.builder(UUID.randomUUID()).expiresAt(java.time.Instant.now().minusSeconds(60)).sign();

        // WHEN the handler runs a cancel event with it
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                LambdaEvents.load("events/cancel-schedule.json", Map.of("TOKEN", expired, "ID", UUID.randomUUID().toString())), new MockLambdaContext());

        // THEN 401 problem
        assertEquals(401, response.getStatusCode(), response.getBody());
        assertEquals("application/problem+json", LambdaEvents.header(response, "Content-Type"));
    }
}
