package io.canopy.orders.api;

import io.canopy.shared.events.UserDeletedHandler;
import io.canopy.testsupport.ApiClient;
import io.canopy.testsupport.JwksServer;
import io.canopy.testsupport.OpenApiRoutes;
import io.canopy.testsupport.TestDynamoDb;
import io.canopy.testsupport.TestTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.canopy.testsupport.ApiClient.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Through the real Lambda handler on DynamoDB Local; payments and kitchen at the HTTP boundary. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrdersControllerTest implements TestPropertyProvider {

    static final String ORDER = "{\"order\":[{\"product\":\"cappuccino\",\"size\":\"medium\",\"quantity\":2}]}";

    @Inject
    EmbeddedServer server;
    @Inject
    ApplicationContext context;
    @Inject
    Router router;

    private final FakeDownstream downstream = new FakeDownstream();
    private ApiClient api;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDynamoDb.newTables());
        properties.put(JwksServer.JWKS_URL_PROPERTY, JwksServer.url());
        properties.put("canopy.orders.payments-url", downstream.url());
        properties.put("canopy.orders.kitchen-url", downstream.url());
        properties.put("canopy.orders.downstream-timeout", "1s");
        return properties;
    }

    @BeforeEach
    void reset() {
        api = new ApiClient(server.getURI());
        downstream.payments_ = FakeDownstream.Mode.OK;
        downstream.kitchen = FakeDownstream.Mode.OK;
    }

    @AfterAll
    void stop() {
        downstream.close();
    }

    @Test
    void order_createGetPutDelete() {
        String token = TestTokens.user(UUID.randomUUID());
        HttpResponse<String> created = api.postJson("/orders", ORDER, token);
        assertEquals(201, created.statusCode(), created.body());
        String id = id(created);
        assertTrue(created.body().contains("\"status\":\"created\""), created.body());
        sleep(20);
        HttpResponse<String> second = api.postJson("/orders", ORDER, token);
        // each order carries its own creation time (the original stamped them all with the process start)
        assertTrue(java.time.Instant.parse(field(second, "created")).isAfter(java.time.Instant.parse(field(created, "created"))));
        String etag = api.get("/orders/" + id, token).headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> replaced = api.send("PUT", "/orders/" + id, "{\"order\":[{\"product\":\"tea\",\"size\":\"small\"}]}", token, "If-Match", etag);
        assertEquals(200, replaced.statusCode(), replaced.body());
        assertTrue(replaced.body().contains("\"quantity\":1"), replaced.body());
        assertProblem(api.send("PUT", "/orders/" + id, ORDER, token, "If-Match", etag), 412);
        assertEquals(204, api.send("DELETE", "/orders/" + id, null, token).statusCode());
        assertProblem(api.get("/orders/" + id, token), 404);
    }

    @Test
    void badInput_is422_or404() {
        String token = TestTokens.user(UUID.randomUUID());
        for (String body : new String[] {"{\"order\":[{\"product\":\"latte\"}]}", "{\"order\":[{\"product\":\"latte\",\"size\":\"qwerty\"}]}",
                "{\"order\":[{\"product\":\"latte\",\"size\":\"big\",\"quantity\":\"1\"}]}", "{\"order\":[{\"product\":\"latte\",\"size\":\"big\",\"quantity\":1.0}]}",
                "{\"order\":[{\"product\":\"latte\",\"size\":\"big\",\"quantity\":null}]}", "{\"order\":[{\"product\":\"latte\",\"size\":\"big\",\"quantity\":0}]}",
                "{\"order\":[{\"product\":\"latte\",\"size\":\"big\",\"quantity\":1000001}]}", "{\"order\":[]}", "{}",
                "{\"order\":[{\"product\":\"latte\",\"size\":\"big\"}],\"status\":\"paid\"}"}) {
            assertProblem(api.postJson("/orders", body, token), 422);
        }
        assertEquals(0, count(api.get("/orders", token)));
        assertProblem(api.get("/orders/not-a-uuid", token), 404);
        assertProblem(api.get("/orders/" + UUID.randomUUID(), token), 404);
        assertProblem(api.get("/orders?cancelled=maybe", token), 422);
    }

    @Test
    void anotherUser_seesNoneOfTheOrders() {
        String alice = TestTokens.user(UUID.randomUUID());
        String bob = TestTokens.user(UUID.randomUUID());
        String id = id(api.postJson("/orders", ORDER, alice));
        assertProblem(api.get("/orders/" + id, bob), 404);
        assertProblem(api.postJson("/orders/" + id + "/pay", null, bob), 404);
        assertProblem(api.postJson("/orders/" + id + "/cancel", null, bob), 404);
        assertProblem(api.send("DELETE", "/orders/" + id, null, bob), 404);
        assertEquals(0, count(api.get("/orders", bob)));
        assertEquals(1, count(api.get("/orders", alice)));
    }

    @Test
    void pay_goesToProgress_andCancelCancelsTheSchedule() {
        String token = TestTokens.user(UUID.randomUUID());
        String id = id(api.postJson("/orders", ORDER, token));
        HttpResponse<String> paid = api.postJson("/orders/" + id + "/pay", null, token);
        assertEquals(200, paid.statusCode(), paid.body());
        assertTrue(paid.body().contains("\"status\":\"progress\""), paid.body());
        String scheduleId = field(paid, "schedule_id");
        assertEquals(downstream.schedules.get(id), scheduleId);
        assertProblem(api.send("PUT", "/orders/" + id, ORDER, token), 409);
        assertProblem(api.send("DELETE", "/orders/" + id, null, token), 409);
        HttpResponse<String> cancelled = api.postJson("/orders/" + id + "/cancel", null, token);
        assertEquals(200, cancelled.statusCode(), cancelled.body());
        assertTrue(downstream.cancelled.containsKey(scheduleId));
        assertProblem(api.postJson("/orders/" + id + "/pay", null, token), 409);
        assertEquals(1, count(api.get("/orders?cancelled=true", token)));
        assertEquals(0, count(api.get("/orders?cancelled=false", token)));
        assertEquals(204, api.send("DELETE", "/orders/" + id, null, token).statusCode());
    }

    @Test
    void kitchenDown_leavesTheOrderPaid_andAPayLaterResumesWithOnePayment() {
        String token = TestTokens.user(UUID.randomUUID());
        String id = id(api.postJson("/orders", ORDER, token));
        downstream.kitchen = FakeDownstream.Mode.FAIL_500;
        assertProblem(api.postJson("/orders/" + id + "/pay", null, token), 502);
        assertTrue(api.get("/orders/" + id, token).body().contains("\"status\":\"paid\""));
        downstream.kitchen = FakeDownstream.Mode.SLOW;
        assertProblem(api.postJson("/orders/" + id + "/pay", null, token), 504);
        downstream.kitchen = FakeDownstream.Mode.FAIL_503;
        assertProblem(api.postJson("/orders/" + id + "/pay", null, token), 503);
        downstream.kitchen = FakeDownstream.Mode.OK;
        HttpResponse<String> resumed = api.postJson("/orders/" + id + "/pay", null, token);
        assertEquals(200, resumed.statusCode(), resumed.body());
        assertTrue(resumed.body().contains("\"status\":\"progress\""));
        assertEquals(downstream.payments.get(id), field(resumed, "payment_id"));
    }

    @Test
    void paymentsUnreachableOrDeclined_leavesTheOrderCreated() {
        String token = TestTokens.user(UUID.randomUUID());
        String id = id(api.postJson("/orders", ORDER, token));
        downstream.payments_ = FakeDownstream.Mode.DECLINE;
        assertProblem(api.postJson("/orders/" + id + "/pay", null, token), 402);
        downstream.payments_ = FakeDownstream.Mode.FAIL_500;
        assertProblem(api.postJson("/orders/" + id + "/pay", null, token), 502);
        assertTrue(api.get("/orders/" + id, token).body().contains("\"status\":\"created\""));
        assertTrue(!api.get("/orders/" + id, token).body().contains("\"payment_id\":\""));
    }

    @Test
    void twentyConcurrentPays_makeOnePaymentAndOneSchedule() throws Exception {
        String token = TestTokens.user(UUID.randomUUID());
        String id = id(api.postJson("/orders", ORDER, token));
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Callable<Integer>> pays = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            pays.add(() -> api.postJson("/orders/" + id + "/pay", null, token).statusCode());
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> status : pool.invokeAll(pays)) {
            statuses.add(status.get());
        }
        pool.shutdown();
        assertTrue(statuses.contains(200), statuses.toString());
        assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 409), statuses.toString());
        HttpResponse<String> order = api.get("/orders/" + id, token);
        assertTrue(order.body().contains("\"status\":\"progress\""), order.body());
        assertEquals(downstream.payments.get(id), field(order, "payment_id"));
        assertEquals(downstream.schedules.get(id), field(order, "schedule_id"));
    }

    @Test
    void userDeleted_erasesOrders() throws Exception {
        UUID user = UUID.randomUUID();
        String token = TestTokens.user(user);
        api.postJson("/orders", ORDER, token);
        String event = "{\"id\":\"e\",\"source\":\"canopy.identity\",\"detail-type\":\"UserDeleted\",\"detail\":{\"user_id\":\"" + user + "\"}}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new UserDeletedHandler(context).handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"erased\":1"));
        assertEquals(0, count(api.get("/orders", token)));
    }

    @Test
    void openApi_listsExactlyTheControllerRoutes() {
        Set<String> served = OpenApiRoutes.ofRouter(router);
        assertEquals(Set.of("POST /orders", "GET /orders", "GET /orders/{id}", "PUT /orders/{id}", "DELETE /orders/{id}",
                "POST /orders/{id}/pay", "POST /orders/{id}/cancel", "GET /health/orders"), served);
        assertEquals(served, OpenApiRoutes.ofOpenApi(getClass().getClassLoader(), "canopy-orders"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int count(HttpResponse<String> list) {
        assertEquals(200, list.statusCode(), list.body());
        return list.body().split("\"status\":", -1).length - 1;
    }

    private static String id(HttpResponse<String> response) {
        return field(response, "id");
    }

    private static String field(HttpResponse<String> response, String name) {
        return response.body().replaceAll(".*?\"" + name + "\":\"([^\"]+)\".*", "$1");
    }
}
