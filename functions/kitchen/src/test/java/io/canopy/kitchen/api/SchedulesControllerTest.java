package io.canopy.kitchen.api;

import io.canopy.shared.events.UserDeletedHandler;
import io.canopy.testsupport.ApiClient;
import io.canopy.testsupport.ConcurrentTestServer;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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

/** Through the real Lambda handler on DynamoDB Local. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchedulesControllerTest implements TestPropertyProvider {

    static final String ITEMS = "[{\"product\":\"latte\",\"size\":\"big\",\"quantity\":2}]";

    @Inject
    EmbeddedServer server;
    @Inject
    ApplicationContext context;
    @Inject
    Router router;

    private ApiClient api;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDynamoDb.newTables());
        properties.put(JwksServer.JWKS_URL_PROPERTY, JwksServer.url());
        // The concurrency tests below must really overlap (see ConcurrentTestServer).
        properties.put(ConcurrentTestServer.PROPERTY, "true");
        return properties;
    }

    @BeforeEach
    void client() {
        api = new ApiClient(server.getURI());
    }

    @Test
    void schedule_createGetStatusPutCancelDelete() {
        String token = TestTokens.user(UUID.randomUUID());
        String order = UUID.randomUUID().toString();
        HttpResponse<String> created = api.postJson("/kitchen/schedules", "{\"order_id\":\"" + order + "\",\"order\":" + ITEMS + "}", token);
        assertEquals(201, created.statusCode(), created.body());
        String id = id(created);
        assertTrue(created.body().contains("\"status\":\"pending\""), created.body());
        HttpResponse<String> again = api.postJson("/kitchen/schedules", "{\"order_id\":\"" + order + "\",\"order\":" + ITEMS + "}", token);
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(id, id(again));

        assertEquals("{\"status\":\"pending\"}", api.get("/kitchen/schedules/" + id + "/status", token).body());
        String etag = api.get("/kitchen/schedules/" + id, token).headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> replaced = api.send("PUT", "/kitchen/schedules/" + id, "{\"order\":[{\"product\":\"tea\",\"size\":\"small\"}]}", token, "If-Match", etag);
        assertEquals(200, replaced.statusCode(), replaced.body());
        assertTrue(replaced.body().contains("\"quantity\":1"), replaced.body());
        assertProblem(api.send("PUT", "/kitchen/schedules/" + id, "{\"order\":" + ITEMS + "}", token, "If-Match", etag), 412);

        HttpResponse<String> cancelled = api.postJson("/kitchen/schedules/" + id + "/cancel", null, token);
        assertEquals(200, cancelled.statusCode(), cancelled.body());
        assertTrue(cancelled.body().contains("\"status\":\"cancelled\""));
        assertEquals(200, api.postJson("/kitchen/schedules/" + id + "/cancel", null, token).statusCode());
        assertProblem(api.send("PUT", "/kitchen/schedules/" + id, "{\"order\":" + ITEMS + "}", token), 409);
        assertEquals(1, countItems(api.get("/kitchen/schedules", token)));
        assertEquals(204, api.send("DELETE", "/kitchen/schedules/" + id, null, token).statusCode());
        assertProblem(api.get("/kitchen/schedules/" + id, token), 404);
    }

    @Test
    void concurrentCreates_forOneOrder_makeOneSchedule() throws Exception {
        String token = TestTokens.user(UUID.randomUUID());
        String order = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(() -> api.postJson("/kitchen/schedules", "{\"order_id\":\"" + order + "\",\"order\":" + ITEMS + "}", token));
        }
        Set<String> ids = new HashSet<>();
        for (Future<HttpResponse<String>> response : pool.invokeAll(calls)) {
            ids.add(id(response.get()));
        }
        pool.shutdown();
        assertEquals(1, ids.size());
        assertEquals(1, countItems(api.get("/kitchen/schedules", token)));
    }

    @Test
    void anotherUsersSchedule_is404_andBadInputIs422() {
        String alice = TestTokens.user(UUID.randomUUID());
        String bob = TestTokens.user(UUID.randomUUID());
        String id = id(api.postJson("/kitchen/schedules", "{\"order_id\":\"" + UUID.randomUUID() + "\",\"order\":" + ITEMS + "}", alice));
        assertProblem(api.get("/kitchen/schedules/" + id, bob), 404);
        assertProblem(api.postJson("/kitchen/schedules/" + id + "/cancel", null, bob), 404);
        assertProblem(api.send("DELETE", "/kitchen/schedules/" + id, null, bob), 404);
        assertEquals(0, countItems(api.get("/kitchen/schedules", bob)));
        for (String items : new String[] {"[]", "[{\"product\":\"latte\"}]", "[{\"product\":\"latte\",\"size\":\"qwerty\"}]",
                "[{\"product\":\"latte\",\"size\":\"big\",\"quantity\":0}]", "[{\"product\":\"latte\",\"size\":\"big\",\"quantity\":\"1\"}]",
                "[{\"product\":\"\",\"size\":\"big\"}]"}) {
            assertProblem(api.postJson("/kitchen/schedules", "{\"order_id\":\"" + UUID.randomUUID() + "\",\"order\":" + items + "}", alice), 422);
        }
        assertProblem(api.postJson("/kitchen/schedules", "{\"order\":" + ITEMS + "}", alice), 422);
        assertProblem(api.get("/kitchen/schedules", null), 401);
        assertProblem(api.get("/kitchen/schedules?progress=maybe", alice), 422);
    }

    @Test
    void userDeleted_erasesSchedules() throws Exception {
        UUID user = UUID.randomUUID();
        String token = TestTokens.user(user);
        api.postJson("/kitchen/schedules", "{\"order_id\":\"" + UUID.randomUUID() + "\",\"order\":" + ITEMS + "}", token);
        String event = "{\"id\":\"e\",\"source\":\"canopy.identity\",\"detail-type\":\"UserDeleted\",\"detail\":{\"user_id\":\"" + user + "\"}}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new UserDeletedHandler(context).handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"erased\":1"));
        assertEquals(0, countItems(api.get("/kitchen/schedules", token)));
    }

    @Test
    void openApi_listsExactlyTheControllerRoutes() {
        Set<String> served = OpenApiRoutes.ofRouter(router);
        assertEquals(Set.of("POST /kitchen/schedules", "GET /kitchen/schedules", "GET /kitchen/schedules/{id}",
                "GET /kitchen/schedules/{id}/status", "PUT /kitchen/schedules/{id}", "DELETE /kitchen/schedules/{id}",
                "POST /kitchen/schedules/{id}/cancel", "GET /health/kitchen"), served);
        assertEquals(served, OpenApiRoutes.ofOpenApi(getClass().getClassLoader(), "canopy-kitchen"));
    }

    private static int countItems(HttpResponse<String> list) {
        assertEquals(200, list.statusCode(), list.body());
        return list.body().split("\"order_id\"", -1).length - 1;
    }

    private static String id(HttpResponse<String> response) {
        return response.body().replaceAll("^\\{\"id\":\"([^\"]+)\".*", "$1");
    }
}
