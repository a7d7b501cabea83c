package io.canopy.carbon.api;

import io.canopy.shared.events.UserDeletedHandler;
import io.canopy.testsupport.ApiClient;
import io.canopy.testsupport.ConcurrentTestServer;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Through the real Lambda handler (api-proxy test server) on DynamoDB Local. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsagesControllerTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    ApplicationContext context;

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
    void usages_createGetPatchDelete_forTheOwner() {
        // GIVEN a user
        String token = TestTokens.user(UUID.randomUUID());

        // WHEN they record 12.5 kWh of electricity
        HttpResponse<String> created = api.postJson("/usages", "{\"amount\":12.5,\"usage_type_id\":100,\"usage_at\":\"2026-11-01T08:00:00Z\"}", token);

        // THEN 201 with Location, the embedded type and co2e = 12.5 × 1.5 exactly
        assertEquals(201, created.statusCode(), created.body());
        JsonNode usage = read(created);
        String id = usage.get("id").getStringValue();
        assertEquals("/usages/" + id, created.headers().firstValue("Location").orElse(""));
        assertEquals("18.75", usage.get("co2e_kg").getNumberValue().toString());
        assertEquals("electricity", usage.get("usage_type").get("name").getStringValue());
        assertEquals("2026-11-01T08:00:00Z", usage.get("usage_at").getStringValue());

        // WHEN they read it, change its type, then delete it
        HttpResponse<String> got = api.get("/usages/" + id, token);
        String etag = got.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> patched = api.send("PATCH", "/usages/" + id, "{\"usage_type_id\":104}", token, "If-Match", etag);
        HttpResponse<String> deleted = api.send("DELETE", "/usages/" + id, null, token);

        // THEN the type is re-embedded and co2e recomputed (12.5 × 19.456), and the usage is gone
        assertEquals(200, got.statusCode(), got.body());
        assertEquals(200, patched.statusCode(), patched.body());
        assertEquals("m3", read(patched).get("usage_type").get("unit").getStringValue());
        assertEquals("243.2", read(patched).get("co2e_kg").getNumberValue().toString());
        assertEquals(204, deleted.statusCode(), deleted.body());
        assertProblem(api.get("/usages/" + id, token), 404);
    }

    @Test
    void list_returnsFiveUsagesOfTheFiveTypes_newestFirst_withExactCo2e() {
        // GIVEN one usage of each seeded type, an hour apart
        String token = TestTokens.user(UUID.randomUUID());
        long[] types = {100, 101, 102, 103, 104};
        String[] expectedCo2e = {"3", "53.86", "7.784", "17.14", "38.912"};
        for (int i = 0; i < types.length; i++) {
            HttpResponse<String> created = api.postJson("/usages", "{\"amount\":2,\"usage_type_id\":" + types[i]
                    + ",\"usage_at\":\"2026-11-01T0" + i + ":00:00Z\"}", token);
            assertEquals(201, created.statusCode(), created.body());
        }

        // WHEN listing
        JsonNode items = read(api.get("/usages", token)).get("items");

        // THEN all five, newest usage_at first, each with amount × factor exactly
        assertEquals(5, items.size());
        for (int i = 0; i < 5; i++) {
            JsonNode item = items.get(i);
            int original = 4 - i;
            assertEquals(types[original], item.get("usage_type").get("id").getLongValue());
            assertEquals(expectedCo2e[original], item.get("co2e_kg").getNumberValue().toString());
        }
        // and the type filter and time range are honoured
        assertEquals(1, read(api.get("/usages?usage_type_id=102", token)).get("items").size());
        assertEquals(2, read(api.get("/usages?from=2026-11-01T01:00:00Z&to=2026-11-01T02:00:00Z", token)).get("items").size());
    }

    @Test
    void summary_returnsTotalsPerTypeAndOverall() {
        String token = TestTokens.user(UUID.randomUUID());
        api.postJson("/usages", "{\"amount\":10,\"usage_type_id\":100,\"usage_at\":\"2026-10-01T00:00:00Z\"}", token);
        api.postJson("/usages", "{\"amount\":0.1,\"usage_type_id\":100,\"usage_at\":\"2026-10-02T00:00:00Z\"}", token);
        api.postJson("/usages", "{\"amount\":1,\"usage_type_id\":101,\"usage_at\":\"2026-10-03T00:00:00Z\"}", token);
        api.postJson("/usages", "{\"amount\":5,\"usage_type_id\":101,\"usage_at\":\"2025-01-01T00:00:00Z\"}", token);

        JsonNode summary = read(api.get("/usages/summary?from=2026-01-01T00:00:00Z&to=2026-12-31T00:00:00Z", token));

        // 10.1 kWh × 1.5 = 15.15; 1 kg × 26.93 = 26.93; total 42.08 — exact, no float artefacts
        assertEquals("42.08", summary.get("total_co2e_kg").getNumberValue().toString());
        assertEquals(2, summary.get("by_type").size());
        assertEquals("10.1", summary.get("by_type").get(0).get("amount").getNumberValue().toString());
        assertEquals("15.15", summary.get("by_type").get(0).get("co2e_kg").getNumberValue().toString());
    }

    @Test
    void anotherUsersUsage_is404ForGetPatchDelete_andStaysUnchanged() {
        // GIVEN A's usage
        String alice = TestTokens.user(UUID.randomUUID());
        String bob = TestTokens.user(UUID.randomUUID());
        String id = read(api.postJson("/usages", "{\"amount\":1,\"usage_type_id\":100}", alice)).get("id").getStringValue();

        // WHEN B tries to read, change and delete it / THEN 404 each time
        assertProblem(api.get("/usages/" + id, bob), 404);
        assertProblem(api.send("PATCH", "/usages/" + id, "{\"amount\":999}", bob), 404);
        assertProblem(api.send("DELETE", "/usages/" + id, null, bob), 404);
        assertEquals(0, read(api.get("/usages", bob)).get("items").size());

        // AND A's usage is as it was
        JsonNode unchanged = read(api.get("/usages/" + id, alice));
        assertEquals("1", unchanged.get("amount").getNumberValue().toString());
    }

    @Test
    void writes_return401_withoutAToken() {
        assertProblem(api.postJson("/usages", "{\"amount\":1,\"usage_type_id\":100}", null), 401);
        assertProblem(api.get("/usages", null), 401);
        assertProblem(api.send("PATCH", "/usages/" + UUID.randomUUID(), "{\"amount\":1}", null), 401);
        assertProblem(api.send("DELETE", "/usages/" + UUID.randomUUID(), null, null), 401);
        assertProblem(api.postJson("/usage-types", "{\"id\":900,\"name\":\"gas\",\"unit\":\"m3\",\"factor\":2}", null), 401);
    }

    @Test
    void badInput_is4xx_andStoresNothing() {
        // GIVEN a user with no usages
        String token = TestTokens.user(UUID.randomUUID());
        String future = Instant.now().plusSeconds(3600).toString();

        // WHEN they send bad amounts, types, times and fields
        for (String body : List.of("{\"amount\":-1,\"usage_type_id\":100}", "{\"amount\":\"5\",\"usage_type_id\":100}",
                "{\"amount\":1e400,\"usage_type_id\":100}", "{\"amount\":1e10,\"usage_type_id\":100}",
                "{\"amount\":0.0000001,\"usage_type_id\":100}", "{\"amount\":1,\"usage_type_id\":999}",
                "{\"amount\":1,\"usage_type_id\":\"100\"}", "{\"amount\":1,\"usage_type_id\":100.5}",
                "{\"amount\":1,\"usage_type_id\":100,\"usage_at\":\"" + future + "\"}",
                "{\"amount\":1,\"usage_type_id\":100,\"usage_at\":1700000000}",
                "{\"amount\":1,\"usage_type_id\":100,\"user_id\":\"" + UUID.randomUUID() + "\"}",
                "{\"amount\":1}", "{}")) {
            assertProblem(api.postJson("/usages", body, token), 422);
        }
        assertProblem(api.postJson("/usages", "{\"amount\":NaN,\"usage_type_id\":100}", token), 400);
        assertProblem(api.postJson("/usages", "[1]", token), 400);

        // THEN nothing was stored
        assertEquals(0, read(api.get("/usages", token)).get("items").size());
        assertProblem(api.get("/usages?limit=0", token), 422);
        assertProblem(api.get("/usages?limit=101", token), 422);
        assertProblem(api.get("/usages?from=yesterday", token), 422);
        assertProblem(api.get("/usages?cursor=forged", token), 422);
        assertProblem(api.get("/usages/not-a-uuid", token), 404);
    }

    @Test
    void patch_returns422_whenBodyNamesNoField() {
        String token = TestTokens.user(UUID.randomUUID());
        String id = read(api.postJson("/usages", "{\"amount\":1,\"usage_type_id\":100}", token)).get("id").getStringValue();
        assertProblem(api.send("PATCH", "/usages/" + id, "{}", token), 422);
        assertProblem(api.send("PATCH", "/usages/" + id, "{\"usage_type_id\":999}", token), 422);
    }

    @Test
    void create_replaysFirstResponse_forTheSameIdempotencyKey_and422ForAnotherBody() {
        String token = TestTokens.user(UUID.randomUUID());
        String body = "{\"amount\":3,\"usage_type_id\":101}";
        HttpResponse<String> first = api.send("POST", "/usages", body, token, "Idempotency-Key", "k-1");
        HttpResponse<String> again = api.send("POST", "/usages", body, token, "Idempotency-Key", "k-1");
        HttpResponse<String> other = api.send("POST", "/usages", "{\"amount\":4,\"usage_type_id\":101}", token, "Idempotency-Key", "k-1");

        assertEquals(201, first.statusCode(), first.body());
        assertEquals(201, again.statusCode(), again.body());
        assertEquals(first.body(), again.body());
        assertEquals(first.headers().firstValue("Location"), again.headers().firstValue("Location"));
        assertProblem(other, 422);
        assertEquals(1, read(api.get("/usages", token)).get("items").size());
    }

    @Test
    void concurrentPatches_withTheSameIfMatch_exactlyOneWins() throws Exception {
        // GIVEN a usage and its ETag
        String token = TestTokens.user(UUID.randomUUID());
        String id = read(api.postJson("/usages", "{\"amount\":1,\"usage_type_id\":100}", token)).get("id").getStringValue();
        String etag = api.get("/usages/" + id, token).headers().firstValue("ETag").orElseThrow();

        // WHEN ten clients patch it at once with that ETag
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Callable<Integer>> patches = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int amount = 10 + i;
            patches.add(() -> api.send("PATCH", "/usages/" + id, "{\"amount\":" + amount + "}", token, "If-Match", etag).statusCode());
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> status : pool.invokeAll(patches)) {
            statuses.add(status.get());
        }
        pool.shutdown();

        // THEN exactly one 200, the others 412, and the stored amount is the winner's
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(9, statuses.stream().filter(s -> s == 412).count(), statuses.toString());
        JsonNode stored = read(api.get("/usages/" + id, token));
        assertTrue(stored.get("amount").getNumberValue().intValue() >= 10);
    }

    @Test
    void paging_through250Usages_returnsEachExactlyOnce() {
        // GIVEN 250 usages
        String token = TestTokens.user(UUID.randomUUID());
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 250; i++) {
            // every other pair shares a usage_at: ties must not drop or repeat items
            Instant at = start.plusSeconds(60L * (i / 2));
            created.add(read(api.postJson("/usages", "{\"amount\":1,\"usage_type_id\":100,\"usage_at\":\"" + at + "\"}", token))
                    .get("id").getStringValue());
        }

        // WHEN paging with limit 100
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = read(api.get("/usages?limit=100" + (cursor == null ? "" : "&cursor=" + cursor), token));
            page.get("items").values().forEach(item -> seen.add(item.get("id").getStringValue()));
            cursor = page.get("next_cursor") == null || page.get("next_cursor").isNull() ? null : page.get("next_cursor").getStringValue();
            pages++;
        } while (cursor != null && pages < 10);

        // THEN every usage exactly once
        assertEquals(250, seen.size());
        assertEquals(created, new HashSet<>(seen));
    }

    @Test
    void userDeleted_erasesAllOfTheUsersUsages_andFreesTheirTypes() throws IOException {
        // GIVEN a user with usages of a type an admin created
        UUID userId = UUID.randomUUID();
        String token = TestTokens.user(userId);
        String admin = TestTokens.admin(UUID.randomUUID());
        assertEquals(201, api.postJson("/usage-types", "{\"id\":700,\"name\":\"gas\",\"unit\":\"m3\",\"factor\":2.1}", admin).statusCode());
        api.postJson("/usages", "{\"amount\":1,\"usage_type_id\":700}", token);
        api.postJson("/usages", "{\"amount\":2,\"usage_type_id\":700}", token);
        assertProblem(api.send("DELETE", "/usage-types/700", null, admin), 409);

        // WHEN EventBridge delivers identity's UserDeleted to the group's event handler
        String event = "{\"id\":\"e-1\",\"source\":\"canopy.identity\",\"detail-type\":\"UserDeleted\",\"detail\":{\"user_id\":\"" + userId + "\"}}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new UserDeletedHandler(context).handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);

        // THEN the usages are gone and the type, no longer referenced, can be deleted
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"erased\":2"), out.toString(StandardCharsets.UTF_8));
        assertEquals(0, read(api.get("/usages", token)).get("items").size());
        // AND the user's still-valid token can create nothing more (the erasure's tombstone), so the type stays free
        assertProblem(api.postJson("/usages", "{\"amount\":3,\"usage_type_id\":700}", token), 401);
        assertEquals(0, read(api.get("/usages", token)).get("items").size());
        assertEquals(204, api.send("DELETE", "/usage-types/700", null, admin).statusCode());
    }

    @Test
    void health_reportsDynamoDb() {
        HttpResponse<String> health = api.get("/health/carbon", null);
        assertEquals(200, health.statusCode(), health.body());
        assertEquals("UP", read(health).get("checks").get("dynamodb").getStringValue());
    }

    private JsonNode read(HttpResponse<String> response) {
        try {
            JsonNode node = json.readValue(response.body(), JsonNode.class);
            assertNotNull(node, response.body());
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(response.body(), e);
        }
    }
}
