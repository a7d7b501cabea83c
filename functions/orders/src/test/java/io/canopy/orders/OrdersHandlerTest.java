package io.canopy.orders;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
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

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deployed handler class, fed payload 2.0 events the way Lambda's runtime decodes them: a base64 body with an
 * Idempotency-Key, lower-case header names (the caller's authorization header is what pay forwards), path and query
 * parameters. Payments and the kitchen are one tiny HTTP server that accepts everything.
 */
class OrdersHandlerTest {

    private static HttpApiFunction handler;
    private static HttpServer downstream;
    private static final List<String> forwarded = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startHandler() throws IOException {
        downstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        downstream.createContext("/", exchange -> {
            forwarded.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String orderId = body.replaceAll(".*\"order_id\":\"([^\"]+)\".*", "$1");
            String answer = exchange.getRequestURI().getPath().equals("/payments")
                    ? "{\"payment_id\":\"" + UUID.randomUUID() + "\",\"order_id\":\"" + orderId + "\",\"status\":\"paid\"}"
                    : "{\"id\":\"" + UUID.randomUUID() + "\",\"order_id\":\"" + orderId + "\",\"status\":\"pending\"}";
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        downstream.start();
        String url = "http://127.0.0.1:" + downstream.getAddress().getPort();
        Map<String, Object> properties = new HashMap<>(TestDynamoDb.newTables());
        properties.put(JwksServer.JWKS_URL_PROPERTY, JwksServer.url());
        properties.put("canopy.orders.payments-url", url);
        properties.put("canopy.orders.kitchen-url", url);
        handler = new HttpApiFunction(ApplicationContext.builder().properties(properties).build());
    }

    @AfterAll
    static void stopHandler() {
        handler.close();
        downstream.stop(0);
    }

    @Test
    void createThenPay_returns201Then200_andPayForwardsTheEventsAuthorizationHeader() {
        // GIVEN an HTTP API event creating an order (base64 body, Idempotency-Key) with a valid token
        String token = TestTokens.user(UUID.randomUUID());
        Map<String, String> values = Map.of("TOKEN", token, "KEY", "handler-" + UUID.randomUUID());

        // WHEN the Lambda handler runs it, then a pay event for the new order
        APIGatewayV2HTTPResponse created = handler.handleRequest(LambdaEvents.load("events/create-order.json", values), new MockLambdaContext());
        String id = created.getBody().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        APIGatewayV2HTTPEvent payEvent = LambdaEvents.load("events/pay-order.json", Map.of("TOKEN", token, "ORDER_ID", id));
        APIGatewayV2HTTPResponse paid = handler.handleRequest(payEvent, new MockLambdaContext());

        // THEN 201 with Location and ETag, then 200 progress; payments and the kitchen got the caller's own header
        assertEquals(201, created.getStatusCode(), created.getBody());
        assertEquals("/orders/" + id, LambdaEvents.header(created, "Location"));
        assertEquals("\"1\"", LambdaEvents.header(created, "ETag"));
        assertTrue(created.getBody().contains("\"quantity\":3"), created.getBody());
        assertEquals(200, paid.getStatusCode(), paid.getBody());
        assertTrue(paid.getBody().contains("\"status\":\"progress\""), paid.getBody());
        assertTrue(forwarded.contains("/payments Bearer " + token), forwarded.toString());
        assertTrue(forwarded.contains("/kitchen/schedules Bearer " + token), forwarded.toString());

        // and the same create event again replays the first answer
        APIGatewayV2HTTPResponse replayed = handler.handleRequest(LambdaEvents.load("events/create-order.json", values), new MockLambdaContext());
        assertEquals(201, replayed.getStatusCode(), replayed.getBody());
        assertTrue(replayed.getBody().contains(id), replayed.getBody());
    }

    @Test
    void listOrders_returns200_forCancelledFalse_and422ProblemForMaybe() {
        String token = TestTokens.user(UUID.randomUUID());

        APIGatewayV2HTTPResponse listed = handler.handleRequest(
                LambdaEvents.load("events/list-orders.json", Map.of("TOKEN", token, "CANCELLED", "false")), new MockLambdaContext());
        APIGatewayV2HTTPResponse invalid = handler.handleRequest(
                LambdaEvents.load("events/list-orders.json", Map.of("TOKEN", token, "CANCELLED", "maybe")), new MockLambdaContext());

        assertEquals(200, listed.getStatusCode(), listed.getBody());
        assertEquals("{\"items\":[],\"next_cursor\":null}", listed.getBody());
        assertEquals(422, invalid.getStatusCode(), invalid.getBody());
        assertEquals("application/problem+json", LambdaEvents.header(invalid, "Content-Type"));
    }
}
