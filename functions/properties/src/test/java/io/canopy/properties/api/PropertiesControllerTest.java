package io.canopy.properties.api;

import io.canopy.shared.events.UserDeletedHandler;
import io.canopy.testsupport.ApiClient;
import io.canopy.testsupport.ConcurrentTestServer;
import io.canopy.testsupport.JwksServer;
import io.canopy.testsupport.TestPostgres;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
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

/** Through the real Lambda handler (api-proxy test server) on embedded PostgreSQL. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PropertiesControllerTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    ApplicationContext context;

    private ApiClient api;
    private final Map<String, String> database = TestPostgres.newDatabase();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(database);
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
    void create_withRooms_returns201AndTheWholeProperty() {
        // GIVEN an owner
        UUID owner = UUID.randomUUID();

        // WHEN they list a house with two rooms
        HttpResponse<String> created = api.postJson("/properties", "{\"name\":\"Maison Bleue\",\"description\":\"Near the park\","
                + "\"type\":\"house\",\"city\":\"Paris\",\"rooms\":[{\"name\":\"Kitchen\",\"area_m2\":12.5,\"floor\":0,"
                + "\"features\":[\"gas stove\"]},{\"name\":\"Bedroom\",\"description\":\"Quiet\",\"area_m2\":14}]}", TestTokens.user(owner));

        // THEN 201 with Location, the caller as owner and both rooms in order
        assertEquals(201, created.statusCode(), created.body());
        JsonNode property = read(created);
        String id = property.get("id").getStringValue();
        assertEquals("/properties/" + id, created.headers().firstValue("Location").orElse(""));
        assertEquals(owner.toString(), property.get("owner_id").getStringValue());
        assertEquals("Kitchen", property.get("rooms").get(0).get("name").getStringValue());
        assertEquals("12.5", property.get("rooms").get(0).get("area_m2").getNumberValue().toString());
        assertEquals("gas stove", property.get("rooms").get(0).get("features").get(0).getStringValue());
        assertEquals("Bedroom", property.get("rooms").get(1).get("name").getStringValue());

        // AND anyone reads it back, with an ETag
        HttpResponse<String> got = api.get("/properties/" + id, null);
        assertEquals(200, got.statusCode(), got.body());
        assertTrue(got.headers().firstValue("ETag").isPresent());
        assertEquals(2, read(got).get("rooms").size());
    }

    @Test
    void list_filtersByCityCaseInsensitively_ignoringSurroundingSpaces() {
        String token = TestTokens.user(UUID.randomUUID());
        String city = "Paris" + UUID.randomUUID().toString().substring(0, 8);
        create(token, "In Paris", "house", city);
        create(token, "Elsewhere", "house", "Lyon" + city);

        assertEquals(1, read(api.get("/properties?city=" + city, null)).get("items").size());
        assertEquals(1, read(api.get("/properties?city=" + encode("  " + city.toLowerCase() + " "), null)).get("items").size());
        assertEquals(1, read(api.get("/properties?city=" + city.toUpperCase(), null)).get("items").size());
        assertEquals(0, read(api.get("/properties?city=Lyon", null)).get("items").size());
    }

    @Test
    void list_givesEachPropertyItsOwnRooms_inOrder() {
        // GIVEN three properties in one city with none, one and two rooms (their rooms are read in one query)
        String token = TestTokens.user(UUID.randomUUID());
        String city = "Roomtown" + UUID.randomUUID().toString().substring(0, 8);
        String bare = create(token, "Bare", "house", city);
        String one = create(token, "One", "house", city);
        String two = create(token, "Two", "house", city);
        assertEquals(201, api.postJson("/properties/" + one + "/rooms", "{\"name\":\"Hall\"}", token).statusCode());
        assertEquals(201, api.postJson("/properties/" + two + "/rooms", "{\"name\":\"Kitchen\"}", token).statusCode());
        assertEquals(201, api.postJson("/properties/" + two + "/rooms", "{\"name\":\"Study\"}", token).statusCode());

        // WHEN the city is listed
        Map<String, List<String>> roomsById = new HashMap<>();
        read(api.get("/properties?city=" + city, null)).get("items").values().forEach(item -> {
            List<String> names = new ArrayList<>();
            item.get("rooms").values().forEach(room -> names.add(room.get("name").getStringValue()));
            roomsById.put(item.get("id").getStringValue(), names);
        });

        // THEN each property has exactly its own rooms, in the order they were added
        assertEquals(Map.of(bare, List.of(), one, List.of("Hall"), two, List.of("Kitchen", "Study")), roomsById);
    }

    @Test
    void paging_through120Properties_returnsEachExactlyOnce() {
        UUID owner = UUID.randomUUID();
        String token = TestTokens.user(owner);
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 120; i++) {
            created.add(create(token, "Flat " + i, "apartment", "Pagetown"));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = read(api.get("/properties?owner_id=" + owner + "&limit=25" + (cursor == null ? "" : "&cursor=" + cursor), null));
            page.get("items").values().forEach(item -> seen.add(item.get("id").getStringValue()));
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").getStringValue();
            pages++;
        } while (cursor != null && pages < 20);
        assertEquals(120, seen.size());
        assertEquals(created, new HashSet<>(seen));
        assertEquals(5, pages);
    }

    @Test
    void owner_updatesNameAndAddsUpdatesRemovesARoom() {
        String token = TestTokens.user(UUID.randomUUID());
        String id = create(token, "Old name", "studio", "Nice");

        HttpResponse<String> renamed = api.send("PATCH", "/properties/" + id, "{\"name\":\"New name\"}", token);
        assertEquals(200, renamed.statusCode(), renamed.body());
        assertEquals("New name", read(renamed).get("name").getStringValue());

        HttpResponse<String> added = api.postJson("/properties/" + id + "/rooms", "{\"name\":\"Living\",\"area_m2\":20.25}", token);
        assertEquals(201, added.statusCode(), added.body());
        String roomId = read(added).get("id").getStringValue();
        HttpResponse<String> changed = api.send("PATCH", "/properties/" + id + "/rooms/" + roomId, "{\"area_m2\":21,\"features\":[\"balcony\"]}", token);
        assertEquals(200, changed.statusCode(), changed.body());
        assertEquals("21", read(changed).get("area_m2").getNumberValue().toString().replace(".00", ""));
        assertEquals("Living", read(changed).get("name").getStringValue());
        assertEquals(204, api.send("DELETE", "/properties/" + id + "/rooms/" + roomId, null, token).statusCode());
        assertEquals(0, read(api.get("/properties/" + id, null)).get("rooms").size());
        assertProblem(api.send("DELETE", "/properties/" + id + "/rooms/" + roomId, null, token), 404);
    }

    @Test
    void anotherUser_gets403ForEveryChange_andNothingChanges() {
        // GIVEN A's property with a room
        String alice = TestTokens.user(UUID.randomUUID());
        String bob = TestTokens.user(UUID.randomUUID());
        String id = create(alice, "Alice's", "house", "Paris");
        String roomId = read(api.postJson("/properties/" + id + "/rooms", "{\"name\":\"Hall\"}", alice)).get("id").getStringValue();
        String before = api.get("/properties/" + id, null).body();

        // WHEN B tries every write / THEN 403 each time, and the property is exactly as it was
        assertProblem(api.send("PATCH", "/properties/" + id, "{\"name\":\"Bob's\"}", bob), 403);
        assertProblem(api.send("DELETE", "/properties/" + id, null, bob), 403);
        assertProblem(api.postJson("/properties/" + id + "/rooms", "{\"name\":\"Bob's room\"}", bob), 403);
        assertProblem(api.send("PATCH", "/properties/" + id + "/rooms/" + roomId, "{\"name\":\"x\"}", bob), 403);
        assertProblem(api.send("DELETE", "/properties/" + id + "/rooms/" + roomId, null, bob), 403);
        assertEquals(before, api.get("/properties/" + id, null).body());

        // AND an admin may change it
        assertEquals(200, api.send("PATCH", "/properties/" + id, "{\"city\":\"Lyon\"}", TestTokens.admin(UUID.randomUUID())).statusCode());
    }

    @Test
    void absentPropertyOrRoom_is404_includingARoomOfAnotherProperty() {
        String token = TestTokens.user(UUID.randomUUID());
        String first = create(token, "First", "house", "Paris");
        String second = create(token, "Second", "house", "Paris");
        String roomOfSecond = read(api.postJson("/properties/" + second + "/rooms", "{\"name\":\"Hall\"}", token)).get("id").getStringValue();

        assertProblem(api.get("/properties/" + UUID.randomUUID(), null), 404);
        assertProblem(api.get("/properties/not-a-uuid", null), 404);
        assertProblem(api.send("PATCH", "/properties/" + UUID.randomUUID(), "{\"name\":\"x\"}", token), 404);
        assertProblem(api.send("PATCH", "/properties/" + first + "/rooms/" + roomOfSecond, "{\"name\":\"x\"}", token), 404);
        assertProblem(api.send("DELETE", "/properties/" + first + "/rooms/" + roomOfSecond, null, token), 404);
        assertEquals(1, read(api.get("/properties/" + second, null)).get("rooms").size());
    }

    @Test
    void anonymousWrites_are401() {
        assertProblem(api.postJson("/properties", "{\"name\":\"x\",\"type\":\"house\",\"city\":\"Paris\"}", null), 401);
        assertProblem(api.send("PATCH", "/properties/" + UUID.randomUUID(), "{\"name\":\"x\"}", null), 401);
        assertProblem(api.send("DELETE", "/properties/" + UUID.randomUUID(), null, null), 401);
        assertProblem(api.postJson("/properties/" + UUID.randomUUID() + "/rooms", "{\"name\":\"x\"}", null), 401);
        assertProblem(api.postJson("/property-types", "{\"slug\":\"castle\",\"name\":\"Castle\"}", null), 401);
    }

    @Test
    void invalidInput_is422_andStoresNothing() {
        UUID owner = UUID.randomUUID();
        String token = TestTokens.user(owner);
        for (String body : List.of("{\"name\":\"x\",\"type\":\"castle\",\"city\":\"Paris\"}",
                "{\"name\":\"\",\"type\":\"house\",\"city\":\"Paris\"}", "{\"name\":\"x\",\"type\":\"house\"}",
                "{\"name\":\"" + "n".repeat(256) + "\",\"type\":\"house\",\"city\":\"Paris\"}",
                "{\"name\":\"x\",\"type\":\"house\",\"city\":\"Paris\",\"owner_id\":\"" + UUID.randomUUID() + "\"}",
                "{\"name\":\"x\",\"type\":\"house\",\"city\":\"Paris\",\"rooms\":[{\"name\":\"r\",\"area_m2\":0}]}",
                "{\"name\":\"x\",\"type\":\"house\",\"city\":\"Paris\",\"rooms\":[{\"name\":\"r\",\"area_m2\":1.234}]}",
                "{\"name\":\"x\",\"type\":\"house\",\"city\":\"Paris\",\"rooms\":[{\"area_m2\":10}]}",
                "{\"name\":\"x\",\"type\":\"house\",\"city\":\"Paris\",\"rooms\":[{\"name\":\"r\",\"floor\":1.5}]}",
                "{\"name\":\"x\",\"type\":\"house\",\"city\":\"Paris\",\"rooms\":[null]}",
                "{\"name\":\"x\",\"type\":\"house\",\"city\":\"Paris\",\"rooms\":[{\"name\":\"r\",\"features\":[null]}]}")) {
            assertProblem(api.postJson("/properties", body, token), 422);
        }
        assertEquals(0, read(api.get("/properties?owner_id=" + owner, null)).get("items").size());
        // 255 characters is the limit, not over it
        assertEquals(201, api.postJson("/properties", "{\"name\":\"" + "n".repeat(255) + "\",\"type\":\"house\",\"city\":\"Paris\"}", token).statusCode());
        String id = create(token, "x", "house", "Paris");
        assertProblem(api.send("PATCH", "/properties/" + id, "{}", token), 422);
        assertProblem(api.get("/properties?cursor=forged", null), 422);
        assertProblem(api.get("/properties?owner_id=not-a-uuid", null), 422);
    }

    @Test
    void staleIfMatch_is412_andCurrentIfMatchSucceeds() {
        String token = TestTokens.user(UUID.randomUUID());
        String id = create(token, "Tagged", "house", "Paris");
        String etag = api.get("/properties/" + id, null).headers().firstValue("ETag").orElseThrow();
        assertEquals(200, api.send("PATCH", "/properties/" + id, "{\"name\":\"First\"}", token, "If-Match", etag).statusCode());
        assertProblem(api.send("PATCH", "/properties/" + id, "{\"name\":\"Second\"}", token, "If-Match", etag), 412);
        assertProblem(api.send("POST", "/properties/" + id + "/rooms", "{\"name\":\"x\"}", token, "If-Match", etag), 412);
    }

    @Test
    void concurrentUpdatesWithoutIfMatch_areAllApplied_noneLost() throws Exception {
        // GIVEN a property
        String token = TestTokens.user(UUID.randomUUID());
        String id = create(token, "Busy", "house", "Paris");

        // WHEN ten clients each add a room at the same time
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Callable<Integer>> adds = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int n = i;
            adds.add(() -> api.postJson("/properties/" + id + "/rooms", "{\"name\":\"Room " + n + "\"}", token).statusCode());
        }
        for (Future<Integer> status : pool.invokeAll(adds)) {
            assertEquals(201, status.get());
        }
        pool.shutdown();

        // THEN all ten rooms are there, and the version moved ten times
        HttpResponse<String> after = api.get("/properties/" + id, null);
        assertEquals(10, read(after).get("rooms").size());
        assertEquals("\"11\"", after.headers().firstValue("ETag").orElse(""));
    }

    @Test
    void injectionLookingInput_isStoredAndReturnedVerbatim() throws Exception {
        String token = TestTokens.user(UUID.randomUUID());
        String evil = "Robert'); DROP TABLE properties.properties;-- \\\" {\\\"$ne\\\": null}";
        HttpResponse<String> created = api.postJson("/properties", "{\"name\":\"" + evil + "\",\"type\":\"house\",\"city\":\"" + evil + "\"}", token);
        assertEquals(201, created.statusCode(), created.body());
        JsonNode property = read(api.get("/properties/" + read(created).get("id").getStringValue(), null));
        assertEquals("Robert'); DROP TABLE properties.properties;-- \" {\"$ne\": null}", property.get("name").getStringValue());
        assertEquals(1, read(api.get("/properties?city=" + encode(property.get("city").getStringValue()), null)).get("items").size());
        // and the table the string names is still there, holding that row
        try (Connection connection = DriverManager.getConnection(database.get("datasources.default.url"),
                database.get("datasources.default.username"), database.get("datasources.default.password"));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM properties.properties WHERE name LIKE 'Robert%'")) {
            rows.next();
            assertEquals(1, rows.getInt(1));
        }
    }

    @Test
    void propertyTypes_seeded_adminOnly_andInUseCannotBeDeleted() {
        assertTrue(api.get("/property-types", null).body().contains("{\"slug\":\"apartment\",\"name\":\"Apartment\"}"));
        String user = TestTokens.user(UUID.randomUUID());
        String admin = TestTokens.admin(UUID.randomUUID());
        assertProblem(api.postJson("/property-types", "{\"slug\":\"castle\",\"name\":\"Castle\"}", user), 403);
        assertEquals(201, api.postJson("/property-types", "{\"slug\":\"castle\",\"name\":\"Castle\"}", admin).statusCode());
        assertProblem(api.postJson("/property-types", "{\"slug\":\"castle\",\"name\":\"Castle\"}", admin), 409);
        assertProblem(api.postJson("/property-types", "{\"slug\":\"Not A Slug\",\"name\":\"x\"}", admin), 422);
        String id = create(user, "Keep", "castle", "Carcassonne");
        assertProblem(api.send("DELETE", "/property-types/castle", null, admin), 409);
        assertEquals(204, api.send("DELETE", "/properties/" + id, null, user).statusCode());
        assertEquals(204, api.send("DELETE", "/property-types/castle", null, admin).statusCode());
        assertProblem(api.send("DELETE", "/property-types/castle", null, admin), 404);
    }

    @Test
    void userDeleted_erasesTheUsersProperties_andTheirRooms() throws IOException {
        UUID owner = UUID.randomUUID();
        String token = TestTokens.user(owner);
        String id = create(token, "Going", "house", "Paris");
        api.postJson("/properties/" + id + "/rooms", "{\"name\":\"Hall\"}", token);
        String event = "{\"id\":\"e-1\",\"source\":\"canopy.identity\",\"detail-type\":\"UserDeleted\",\"detail\":{\"user_id\":\"" + owner + "\"}}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new UserDeletedHandler(context).handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"erased\":1"), out.toString(StandardCharsets.UTF_8));
        assertProblem(api.get("/properties/" + id, null), 404);
        // AND the owner's still-valid token creates nothing more (the erasure's tombstone); nobody else is affected
        assertProblem(api.postJson("/properties", "{\"name\":\"Back\",\"type\":\"house\",\"city\":\"Paris\"}", token), 401);
        assertEquals(0, read(api.get("/properties?owner_id=" + owner, null)).get("items").size());
        create(TestTokens.user(UUID.randomUUID()), "Staying", "house", "Paris");
    }

    @Test
    void health_reportsPostgres() {
        HttpResponse<String> health = api.get("/health/properties", null);
        assertEquals(200, health.statusCode(), health.body());
        assertEquals("UP", read(health).get("checks").get("postgres").getStringValue());
    }

    private String create(String token, String name, String type, String city) {
        HttpResponse<String> created = api.postJson("/properties", "{\"name\":\"" + name + "\",\"type\":\"" + type + "\",\"city\":\"" + city + "\"}", token);
        assertEquals(201, created.statusCode(), created.body());
        return read(created).get("id").getStringValue();
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private JsonNode read(HttpResponse<String> response) {
        try {
            return json.readValue(response.body(), JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException(response.body(), e);
        }
    }
}
