package io.canopy.orders.api;

import io.canopy.shared.events.UserDeletedHandler;
import io.canopy.testsupport.ApiClient;
import io.canopy.testsupport.JwksServer;
import io.canopy.testsupport.TestDynamoDb;
import io.canopy.testsupport.TestTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.canopy.testsupport.ApiClient.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Orders through the real Lambda handler (the api-proxy test server) on DynamoDB Local: create, read, change,
 * delete, list, bad input, other users, Idempotency-Key, erasure. Payments and the kitchen answer from a fake at the
 * HTTP boundary; {@link OrderPaymentFlowTest} covers the pay and cancel flows in depth.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrdersControllerTest implements TestPropertyProvider {

    static final String LATTE = "{\"order\":[{\"product\":\"latte\",\"size\":\"medium\",\"quantity\":2}]}";

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    ApplicationContext context;

    private final FakeDownstream downstream = new FakeDownstream(Duration.ofSeconds(3));
    private ApiClient api;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDynamoDb.newTables());
        properties.put(JwksServer.JWKS_URL_PROPERTY, JwksServer.url());
        properties.put("canopy.orders.payments-url", downstream.payments.url());
        properties.put("canopy.orders.kitchen-url", downstream.kitchen.url());
        return properties;
    }

    @BeforeEach
    void client() {
        api = new ApiClient(server.getURI());
        downstream.reset();
    }

    @AfterAll
    void stopFake() {
        downstream.close();
    }

    @Test
    void createOrder_returns201WithLocationAndETag_andEachOrderGetsItsOwnCreatedTime() throws InterruptedException {
        // GIVEN a user
        String token = TestTokens.user(UUID.randomUUID());

        // WHEN they place two orders a little apart
        HttpResponse<String> first = api.postJson("/orders", LATTE, token);
        Thread.sleep(15);
        HttpResponse<String> second = api.postJson("/orders", "{\"order\":[{\"product\":\"tea\",\"size\":\"small\"}]}", token);

        // THEN both are created, with Location and ETag, quantity defaulting to 1, and each its own created time
        assertEquals(201, first.statusCode(), first.body());
        JsonNode order = read(first);
        String id = order.get("id").getStringValue();
        assertEquals("/orders/" + id, first.headers().firstValue("Location").orElse(""));
        assertEquals("\"1\"", first.headers().firstValue("ETag").orElse(""));
        assertEquals("created", order.get("status").getStringValue());
        assertEquals("latte", order.get("order").get(0).get("product").getStringValue());
        assertEquals(2, order.get("order").get(0).get("quantity").getIntValue());
        assertEquals(order.get("created").getStringValue(), order.get("updated").getStringValue());
        assertTrue(order.get("payment_id").isNull() && order.get("schedule_id").isNull(), first.body());
        assertEquals(1, read(second).get("order").get(0).get("quantity").getIntValue());
        assertTrue(Instant.parse(read(second).get("created").getStringValue()).isAfter(Instant.parse(order.get("created").getStringValue())));
        assertTrue(order.get("created").getStringValue().endsWith("Z"), first.body());
    }

    @Test
    void order_createGetPutDelete_forTheOwner() {
        // GIVEN an order
        String token = TestTokens.user(UUID.randomUUID());
        String id = read(api.postJson("/orders", LATTE, token)).get("id").getStringValue();

        // WHEN the owner reads it, replaces its items with the ETag read, then deletes it
        HttpResponse<String> got = api.get("/orders/" + id, token);
        String etag = got.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> replaced = api.send("PUT", "/orders/" + id,
                "{\"order\":[{\"product\":\"flat white\",\"size\":\"big\",\"quantity\":3},{\"product\":\"tea\",\"size\":\"small\"}]}",
                token, "If-Match", etag);
        HttpResponse<String> stale = api.send("PUT", "/orders/" + id, LATTE, token, "If-Match", etag);
        HttpResponse<String> staleDelete = api.send("DELETE", "/orders/" + id, null, token, "If-Match", etag);
        HttpResponse<String> deleted = api.send("DELETE", "/orders/" + id, null, token,
                "If-Match", replaced.headers().firstValue("ETag").orElseThrow());

        // THEN the items are replaced (same created, new updated), a stale ETag is 412, and the order is gone
        assertEquals(200, got.statusCode(), got.body());
        assertEquals(200, replaced.statusCode(), replaced.body());
        JsonNode order = read(replaced);
        assertEquals(2, order.get("order").size());
        assertEquals("flat white", order.get("order").get(0).get("product").getStringValue());
        assertEquals(1, order.get("order").get(1).get("quantity").getIntValue());
        assertEquals(read(got).get("created").getStringValue(), order.get("created").getStringValue());
        assertEquals("\"2\"", replaced.headers().firstValue("ETag").orElse(""));
        assertProblem(stale, 412);
        assertProblem(staleDelete, 412);
        assertEquals(204, deleted.statusCode(), deleted.body());
        assertProblem(api.get("/orders/" + id, token), 404);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"order\":[{\"product\":\"latte\"}]}",                                        // size missing
            "{\"order\":[{\"product\":\"latte\",\"size\":\"qwerty\"}]}",                    // size unknown
            "{\"order\":[{\"product\":\"latte\",\"size\":\"big\",\"quantity\":\"1\"}]}",    // quantity a string
            "{\"order\":[{\"product\":\"latte\",\"size\":\"big\",\"quantity\":1.0}]}",      // quantity a decimal
            "{\"order\":[{\"product\":\"latte\",\"size\":\"big\",\"quantity\":null}]}",     // quantity null
            "{\"order\":[{\"product\":\"latte\",\"size\":\"big\",\"quantity\":0}]}",        // quantity too small
            "{\"order\":[{\"product\":\"latte\",\"size\":\"big\",\"quantity\":1000001}]}",  // quantity too big
            "{\"order\":[{\"product\":\"latte\",\"size\":\"big\",\"quantity\":99999999999}]}",
            "{\"order\":[{\"product\":\"latte\",\"size\":\"big\",\"quantity\":true}]}",
            "{\"order\":[{\"size\":\"big\"}]}",                                             // product missing
            "{\"order\":[{\"product\":\"\",\"size\":\"big\"}]}",
            "{\"order\":[{\"product\":\"   \",\"size\":\"big\"}]}",
            "{\"order\":[{\"product\":42,\"size\":\"big\"}]}",
            "{\"order\":[{\"product\":\"latte\",\"size\":\"BIG\"}]}",
            "{\"order\":[{\"product\":\"latte\",\"size\":\"big\",\"price\":3}]}",           // unknown item field
            "{\"order\":[{\"product\":\"latte\",\"size\":\"big\"}],\"status\":\"paid\"}",   // unknown field: no mass assignment
            "{\"order\":[null]}",
            "{\"order\":[]}",
            "{\"order\":null}",
            "{\"order\":\"latte\"}",
            "{}"})
    void createOrder_returns422AndStoresNothing_whenTheBodyIsInvalid(String body) {
        // GIVEN a user
        String token = TestTokens.user(UUID.randomUUID());

        // WHEN they post an invalid order
        HttpResponse<String> response = api.postJson("/orders", body, token);

        // THEN 422 problem, and nothing is stored
        assertProblem(response, 422);
        assertEquals(0, items(api.get("/orders", token)).size());
    }

    @Test
    void createOrder_returns422_whenProductIsOver100CharactersOrThereAreOver50Items() {
        String token = TestTokens.user(UUID.randomUUID());
        String item = "{\"product\":\"latte\",\"size\":\"small\"}";

        HttpResponse<String> longProduct = api.postJson("/orders", "{\"order\":[{\"product\":\"" + "x".repeat(101) + "\",\"size\":\"big\"}]}", token);
        HttpResponse<String> tooMany = api.postJson("/orders", "{\"order\":[" + String.join(",", java.util.Collections.nCopies(51, item)) + "]}", token);
        HttpResponse<String> atTheLimits = api.postJson("/orders", "{\"order\":[{\"product\":\"" + "é".repeat(100)
                + "\",\"size\":\"big\",\"quantity\":1000000}," + String.join(",", java.util.Collections.nCopies(49, item)) + "]}", token);

        assertProblem(longProduct, 422);
        assertTrue(longProduct.body().contains("order[0].product"), longProduct.body());
        assertProblem(tooMany, 422);
        assertEquals(201, atTheLimits.statusCode(), atTheLimits.body());
        assertEquals(50, read(atTheLimits).get("order").size());
    }

    @Test
    void replaceOrder_returns422AndKeepsTheItems_whenTheNewItemsAreInvalid() {
        String token = TestTokens.user(UUID.randomUUID());
        String id = read(api.postJson("/orders", LATTE, token)).get("id").getStringValue();

        HttpResponse<String> response = api.send("PUT", "/orders/" + id, "{\"order\":[{\"product\":\"latte\",\"size\":\"qwerty\"}]}", token);

        assertProblem(response, 422);
        assertEquals("medium", read(api.get("/orders/" + id, token)).get("order").get(0).get("size").getStringValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-uuid", "1-1-1-1-1", "00000000-0000-0000-0000-000000000000", "6c1f7a52-1a3e-4e59-9a43-2b1f0d5e9c77"})
    void orderById_returns404_whenTheIdIsNotAUuidOrUnknown(String id) {
        String token = TestTokens.user(UUID.randomUUID());

        assertProblem(api.get("/orders/" + id, token), 404);
        assertProblem(api.send("PUT", "/orders/" + id, LATTE, token), 404);
        assertProblem(api.send("DELETE", "/orders/" + id, null, token), 404);
        assertProblem(api.postJson("/orders/" + id + "/pay", null, token), 404);
        assertProblem(api.postJson("/orders/" + id + "/cancel", null, token), 404);
        assertTrue(downstream.calls.stream().noneMatch(call -> call.body().contains(id) || call.path().contains(id)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cancelled=maybe", "cancelled=", "cancelled=TRUE", "status=shipped", "limit=0", "limit=101", "limit=x", "cursor=bm9wZQ"})
    void listOrders_returns422_whenAQueryParameterIsInvalid(String query) {
        String token = TestTokens.user(UUID.randomUUID());

        assertProblem(api.get("/orders?" + query, token), 422);
    }

    @Test
    void anotherUser_seesNoneOfTheOrders_andChangesNothing() {
        // GIVEN alice's order
        String alice = TestTokens.user(UUID.randomUUID());
        String bob = TestTokens.user(UUID.randomUUID());
        String id = read(api.postJson("/orders", LATTE, alice)).get("id").getStringValue();

        // WHEN bob tries everything on it / THEN 404 each time, an empty list, and no call reaches payments or the kitchen
        assertProblem(api.get("/orders/" + id, bob), 404);
        assertProblem(api.send("PUT", "/orders/" + id, "{\"order\":[{\"product\":\"water\",\"size\":\"big\"}]}", bob), 404);
        assertProblem(api.send("DELETE", "/orders/" + id, null, bob), 404);
        assertProblem(api.postJson("/orders/" + id + "/pay", null, bob), 404);
        assertProblem(api.postJson("/orders/" + id + "/cancel", null, bob), 404);
        assertEquals(0, items(api.get("/orders", bob)).size());
        assertEquals(0, items(api.get("/orders?cancelled=false", bob)).size());
        assertTrue(downstream.callsTo("/", id).isEmpty());

        // and alice's order is untouched
        JsonNode order = read(api.get("/orders/" + id, alice));
        assertEquals("created", order.get("status").getStringValue());
        assertEquals("latte", order.get("order").get(0).get("product").getStringValue());
        assertEquals(1, items(api.get("/orders", alice)).size());
    }

    @Test
    void payAndCancel_returns200_forAFreshOrder() {
        // GIVEN two fresh orders
        String token = TestTokens.user(UUID.randomUUID());
        String toPay = read(api.postJson("/orders", LATTE, token)).get("id").getStringValue();
        String toCancel = read(api.postJson("/orders", LATTE, token)).get("id").getStringValue();

        // WHEN one is paid and the other cancelled
        HttpResponse<String> paid = api.postJson("/orders/" + toPay + "/pay", null, token);
        HttpResponse<String> cancelled = api.postJson("/orders/" + toCancel + "/cancel", null, token);

        // THEN 200 each: the first in progress with its payment and schedule, the second cancelled without the kitchen
        assertEquals(200, paid.statusCode(), paid.body());
        assertEquals("progress", read(paid).get("status").getStringValue());
        assertNotNull(read(paid).get("payment_id").getStringValue());
        assertNotNull(read(paid).get("schedule_id").getStringValue());
        assertEquals(200, cancelled.statusCode(), cancelled.body());
        assertEquals("cancelled", read(cancelled).get("status").getStringValue());
        assertTrue(downstream.callsTo("/", toCancel).isEmpty());
    }

    @Test
    void replaceAndDelete_return409NamingTheStatus_onceTheOrderIsPaid() {
        String token = TestTokens.user(UUID.randomUUID());
        String id = read(api.postJson("/orders", LATTE, token)).get("id").getStringValue();
        assertEquals(200, api.postJson("/orders/" + id + "/pay", null, token).statusCode());

        HttpResponse<String> replaced = api.send("PUT", "/orders/" + id, LATTE, token);
        HttpResponse<String> deleted = api.send("DELETE", "/orders/" + id, null, token);

        assertProblem(replaced, 409);
        assertTrue(replaced.body().contains("progress"), replaced.body());
        assertProblem(deleted, 409);
        assertTrue(deleted.body().contains("progress"), deleted.body());
        assertEquals("progress", read(api.get("/orders/" + id, token)).get("status").getStringValue());
    }

    @Test
    void listOrders_returnsNewestFirst_pagedByCursor_andFilteredByStatusAndCancelled() {
        // GIVEN five orders, the 2nd and 4th cancelled, the 5th paid
        String token = TestTokens.user(UUID.randomUUID());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(read(api.postJson("/orders", "{\"order\":[{\"product\":\"coffee " + i + "\",\"size\":\"small\"}]}", token)).get("id").getStringValue());
        }
        api.postJson("/orders/" + ids.get(1) + "/cancel", null, token);
        api.postJson("/orders/" + ids.get(3) + "/cancel", null, token);
        api.postJson("/orders/" + ids.get(4) + "/pay", null, token);

        // WHEN listing two at a time
        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = read(api.get("/orders?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), token));
            page.get("items").values().forEach(item -> paged.add(item.get("id").getStringValue()));
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").getStringValue();
            pages++;
        } while (cursor != null);

        // THEN every order once, newest first, in three pages (the last without a cursor), and the filters hold
        assertEquals(List.of(ids.get(4), ids.get(3), ids.get(2), ids.get(1), ids.get(0)), paged);
        assertEquals(3, pages);
        assertEquals(List.of(ids.get(3), ids.get(1)), idsOf(api.get("/orders?cancelled=true", token)));
        assertEquals(List.of(ids.get(4), ids.get(2), ids.get(0)), idsOf(api.get("/orders?cancelled=false", token)));
        assertEquals(5, idsOf(api.get("/orders", token)).size());
        assertEquals(List.of(ids.get(2), ids.get(0)), idsOf(api.get("/orders?status=created", token)));
        assertEquals(List.of(ids.get(4)), idsOf(api.get("/orders?status=progress&cancelled=false", token)));
        assertEquals(List.of(), idsOf(api.get("/orders?status=paid", token)));

        // and a filtered page of one continues where it stopped
        JsonNode firstCancelled = read(api.get("/orders?cancelled=true&limit=1", token));
        assertEquals(ids.get(3), firstCancelled.get("items").get(0).get("id").getStringValue());
        JsonNode secondCancelled = read(api.get("/orders?cancelled=true&limit=1&cursor=" + firstCancelled.get("next_cursor").getStringValue(), token));
        assertEquals(ids.get(1), secondCancelled.get("items").get(0).get("id").getStringValue());
    }

    @Test
    void listOrders_returns422_whenTheCursorIsAnotherUsers() {
        String alice = TestTokens.user(UUID.randomUUID());
        api.postJson("/orders", LATTE, alice);
        api.postJson("/orders", LATTE, alice);
        String cursor = read(api.get("/orders?limit=1", alice)).get("next_cursor").getStringValue();

        assertProblem(api.get("/orders?cursor=" + cursor, TestTokens.user(UUID.randomUUID())), 422);
    }

    @Test
    void createOrder_replaysTheFirstResponse_forTheSameIdempotencyKey_and422ForAnotherBody() {
        // GIVEN a user
        String token = TestTokens.user(UUID.randomUUID());

        // WHEN they send the same order twice with one key, then another order with that key
        HttpResponse<String> first = api.send("POST", "/orders", LATTE, token, "Idempotency-Key", "order-1");
        HttpResponse<String> again = api.send("POST", "/orders", LATTE, token, "Idempotency-Key", "order-1");
        HttpResponse<String> other = api.send("POST", "/orders", "{\"order\":[{\"product\":\"tea\",\"size\":\"small\"}]}", token,
                "Idempotency-Key", "order-1");

        // THEN the second is the first replayed, the third a 422, and only one order exists
        assertEquals(201, first.statusCode(), first.body());
        assertEquals(201, again.statusCode(), again.body());
        assertEquals(read(first).get("id").getStringValue(), read(again).get("id").getStringValue());
        assertEquals(first.headers().firstValue("Location"), again.headers().firstValue("Location"));
        assertEquals("true", again.headers().firstValue("Idempotent-Replayed").orElse(""));
        assertProblem(other, 422);
        assertEquals(1, items(api.get("/orders", token)).size());
        // another user's identical key is another scope
        assertEquals(201, api.send("POST", "/orders", LATTE, TestTokens.user(UUID.randomUUID()), "Idempotency-Key", "order-1").statusCode());
    }

    @Test
    void orders_return401_withoutAValidToken() {
        String expired = TestTokens.builder(UUID.randomUUID()).expiresAt(Instant.now().minusSeconds(60)).sign();

        assertProblem(api.postJson("/orders", LATTE, null), 401);
        assertProblem(api.get("/orders", expired), 401);
        assertProblem(api.postJson("/orders/" + UUID.randomUUID() + "/pay", null, TestTokens.builder(UUID.randomUUID()).signedByUnknownKey().sign()), 401);
    }

    @Test
    void userDeleted_erasesEveryOrderOfTheUser_andNoOneElses() throws IOException {
        // GIVEN a user with 30 orders (more than one batch of deletes) and another user with one
        UUID leaving = UUID.randomUUID();
        String token = TestTokens.user(leaving);
        for (int i = 0; i < 30; i++) {
            assertEquals(201, api.postJson("/orders", LATTE, token).statusCode());
        }
        String staying = TestTokens.user(UUID.randomUUID());
        api.postJson("/orders", LATTE, staying);

        // WHEN EventBridge delivers identity's UserDeleted to the group's event handler, twice (redelivery)
        String first = deliverUserDeleted(leaving);
        String second = deliverUserDeleted(leaving);

        // THEN the user's orders are gone, the other user's stay, and the redelivery erases nothing more
        assertTrue(first.contains("\"erased\":30"), first);
        assertTrue(second.contains("\"erased\":0"), second);
        assertEquals(0, items(api.get("/orders", token)).size());
        assertEquals(1, items(api.get("/orders", staying)).size());
        // AND the leaving user's still-valid token creates nothing more; the other user still can
        assertProblem(api.postJson("/orders", LATTE, token), 401);
        assertEquals(0, items(api.get("/orders", token)).size());
        assertEquals(201, api.postJson("/orders", LATTE, staying).statusCode());
    }

    @Test
    void health_returnsUp_withTheDynamoDbCheck() {
        HttpResponse<String> health = api.get("/health/orders", null);

        assertEquals(200, health.statusCode(), health.body());
        assertEquals("UP", read(health).get("status").getStringValue());
        assertEquals("UP", read(health).get("checks").get("dynamodb").getStringValue());
    }

    private String deliverUserDeleted(UUID userId) throws IOException {
        String event = "{\"id\":\"e-" + UUID.randomUUID() + "\",\"source\":\"canopy.identity\",\"detail-type\":\"UserDeleted\","
                + "\"detail\":{\"user_id\":\"" + userId + "\"}}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new UserDeletedHandler(context).handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    private List<String> idsOf(HttpResponse<String> list) {
        List<String> ids = new ArrayList<>();
        items(list).values().forEach(item -> ids.add(item.get("id").getStringValue()));
        return ids;
    }

    private JsonNode items(HttpResponse<String> list) {
        assertEquals(200, list.statusCode(), list.body());
        JsonNode page = read(list);
        assertFalse(page.get("items") == null, list.body());
        return page.get("items");
    }

    private JsonNode read(HttpResponse<String> response) {
        try {
            return json.readValue(response.body(), JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
