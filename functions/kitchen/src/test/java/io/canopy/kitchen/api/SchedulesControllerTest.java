package io.canopy.kitchen.api;

import io.canopy.testsupport.ApiClient;
import io.canopy.testsupport.ConcurrentTestServer;
import io.canopy.testsupport.JwksServer;
import io.canopy.testsupport.MovableClock;
import io.canopy.testsupport.TestDynamoDb;
import io.canopy.testsupport.TestTokens;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

/**
 * Schedules through the real Lambda handler (the api-proxy test server) on DynamoDB Local: the life of a schedule,
 * one schedule per order (also under 20 concurrent creates), the list filters, other users, bad input storing
 * nothing. The {@code scheduled} times come from a clock the tests move.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchedulesControllerTest implements TestPropertyProvider {

    static final String LATTE = "[{\"product\":\"latte\",\"size\":\"big\",\"quantity\":2}]";

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    DynamoDbClient dynamoDb;

    private final Map<String, String> tables = TestDynamoDb.newTables();
    static final MovableClock CLOCK = new MovableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    private ApiClient api;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(tables);
        properties.put("spec.name", "SchedulesControllerTest");
        properties.put(JwksServer.JWKS_URL_PROPERTY, JwksServer.url());
        // The concurrency tests must really overlap (see ConcurrentTestServer).
        properties.put(ConcurrentTestServer.PROPERTY, "true");
        return properties;
    }

    /** The clock {@code scheduled} comes from: it stands still until a test moves it. */
    @Factory
    @Requires(property = "spec.name", value = "SchedulesControllerTest")
    static class MovableClockFactory {
        @Singleton
        @Replaces(Clock.class)
        Clock clock() {
            return CLOCK;
        }
    }

    @BeforeEach
    void client() {
        api = new ApiClient(server.getURI());
    }

    @Test
    void createSchedule_returns201WithLocationAndETag_andAPendingSchedule() {
        // GIVEN a user and an order of theirs
        String token = TestTokens.user(UUID.randomUUID());
        String order = UUID.randomUUID().toString();

        // WHEN orders schedules it, one item without a quantity
        HttpResponse<String> created = api.postJson("/kitchen/schedules", "{\"order_id\":\"" + order
                + "\",\"order\":[{\"product\":\"latte\",\"size\":\"big\",\"quantity\":2},{\"product\":\"tea\",\"size\":\"small\"}]}", token);

        // THEN 201 with Location and ETag, pending, scheduled now, the items as sent with quantity defaulting to 1
        assertEquals(201, created.statusCode(), created.body());
        JsonNode schedule = read(created);
        String id = schedule.get("id").getStringValue();
        assertEquals("/kitchen/schedules/" + id, created.headers().firstValue("Location").orElse(""));
        assertEquals("\"1\"", created.headers().firstValue("ETag").orElse(""));
        assertEquals(order, schedule.get("order_id").getStringValue());
        assertEquals("pending", schedule.get("status").getStringValue());
        assertEquals(CLOCK.instant(), Instant.parse(schedule.get("scheduled").getStringValue()));
        assertTrue(schedule.get("scheduled").getStringValue().endsWith("Z"), created.body());
        assertEquals(2, schedule.get("order").get(0).get("quantity").getIntValue());
        assertEquals(1, schedule.get("order").get(1).get("quantity").getIntValue());
        assertEquals(created.body(), api.get("/kitchen/schedules/" + id, token).body());
    }

    @Test
    void createSchedule_returns200WithTheExistingSchedule_whenTheOrderIsScheduledAgain() {
        // GIVEN an order that has a schedule
        UUID user = UUID.randomUUID();
        String token = TestTokens.user(user);
        String order = UUID.randomUUID().toString();
        HttpResponse<String> first = api.postJson("/kitchen/schedules", "{\"order_id\":\"" + order + "\",\"order\":" + LATTE + "}", token);

        // WHEN it is scheduled again (a retried pay), even with other items
        HttpResponse<String> again = api.postJson("/kitchen/schedules",
                "{\"order_id\":\"" + order + "\",\"order\":[{\"product\":\"tea\",\"size\":\"small\"}]}", token);

        // THEN 200 with the same schedule, unchanged, and still one schedule stored
        assertEquals(201, first.statusCode(), first.body());
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(first.body(), again.body());
        assertEquals(first.headers().firstValue("Location"), again.headers().firstValue("Location"));
        assertEquals(1, storedSchedules(user));
    }

    @Test
    void schedule_getStatusReplaceCancelDelete_forTheOwner() {
        // GIVEN a pending schedule
        String token = TestTokens.user(UUID.randomUUID());
        String order = UUID.randomUUID().toString();
        String id = id(api.postJson("/kitchen/schedules", "{\"order_id\":\"" + order + "\",\"order\":" + LATTE + "}", token));

        // WHEN the owner reads it and its status, replaces its items with the ETag read, and tries a stale ETag
        HttpResponse<String> got = api.get("/kitchen/schedules/" + id, token);
        HttpResponse<String> status = api.get("/kitchen/schedules/" + id + "/status", token);
        HttpResponse<String> replaced = api.send("PUT", "/kitchen/schedules/" + id,
                "{\"order\":[{\"product\":\"flat white\",\"size\":\"medium\",\"quantity\":3}]}", token, "If-Match", "\"1\"");
        HttpResponse<String> stale = api.send("PUT", "/kitchen/schedules/" + id, "{\"order\":" + LATTE + "}", token, "If-Match", "\"1\"");

        // THEN 200 with ETag "1", {status: pending}, 200 with the new items and ETag "2", then 412 leaving them
        assertEquals(200, got.statusCode(), got.body());
        assertEquals("\"1\"", got.headers().firstValue("ETag").orElse(""));
        assertEquals("{\"status\":\"pending\"}", status.body());
        assertEquals(200, replaced.statusCode(), replaced.body());
        assertEquals("\"2\"", replaced.headers().firstValue("ETag").orElse(""));
        assertEquals("flat white", read(replaced).get("order").get(0).get("product").getStringValue());
        assertEquals(order, read(replaced).get("order_id").getStringValue());
        assertProblem(stale, 412);
        assertEquals(replaced.body(), api.get("/kitchen/schedules/" + id, token).body());

        // WHEN it is cancelled, twice, then changed
        HttpResponse<String> cancelled = api.postJson("/kitchen/schedules/" + id + "/cancel", null, token);
        HttpResponse<String> cancelledAgain = api.postJson("/kitchen/schedules/" + id + "/cancel", null, token);
        HttpResponse<String> replaceCancelled = api.send("PUT", "/kitchen/schedules/" + id, "{\"order\":" + LATTE + "}", token);

        // THEN cancelled (ETag "3"), the same answer again without a new write, and 409 naming the status
        assertEquals(200, cancelled.statusCode(), cancelled.body());
        assertEquals("cancelled", read(cancelled).get("status").getStringValue());
        assertEquals("\"3\"", cancelled.headers().firstValue("ETag").orElse(""));
        assertEquals(200, cancelledAgain.statusCode(), cancelledAgain.body());
        assertEquals(cancelled.body(), cancelledAgain.body());
        assertEquals("\"3\"", cancelledAgain.headers().firstValue("ETag").orElse(""));
        assertProblem(replaceCancelled, 409);
        assertTrue(replaceCancelled.body().contains("cancelled"), replaceCancelled.body());
        assertEquals("{\"status\":\"cancelled\"}", api.get("/kitchen/schedules/" + id + "/status", token).body());

        // WHEN it is deleted with a stale ETag, then with the current one
        HttpResponse<String> staleDelete = api.send("DELETE", "/kitchen/schedules/" + id, null, token, "If-Match", "\"2\"");
        HttpResponse<String> deleted = api.send("DELETE", "/kitchen/schedules/" + id, null, token, "If-Match", "\"3\"");

        // THEN 412, then 204 and gone; the order may be scheduled anew
        assertProblem(staleDelete, 412);
        assertEquals(204, deleted.statusCode(), deleted.body());
        assertProblem(api.get("/kitchen/schedules/" + id, token), 404);
        assertProblem(api.send("DELETE", "/kitchen/schedules/" + id, null, token), 404);
        HttpResponse<String> rescheduled = api.postJson("/kitchen/schedules", "{\"order_id\":\"" + order + "\",\"order\":" + LATTE + "}", token);
        assertEquals(201, rescheduled.statusCode(), rescheduled.body());
        assertTrue(!id.equals(id(rescheduled)), rescheduled.body());
    }

    @Test
    void deleteSchedule_returns204_whenPendingWithoutIfMatch() {
        // GIVEN a pending schedule
        UUID user = UUID.randomUUID();
        String token = TestTokens.user(user);
        String id = id(api.postJson("/kitchen/schedules", "{\"order_id\":\"" + UUID.randomUUID() + "\",\"order\":" + LATTE + "}", token));

        // WHEN its owner deletes it
        HttpResponse<String> deleted = api.send("DELETE", "/kitchen/schedules/" + id, null, token);

        // THEN 204, and neither the schedule nor its order's claim is left in the table
        assertEquals(204, deleted.statusCode(), deleted.body());
        assertEquals(0, storedItems(user).size());
    }

    @Test
    void scheduleInProgress_canBeCancelled_butNotChangedOrDeleted() {
        // GIVEN a schedule the kitchen has started
        UUID user = UUID.randomUUID();
        String token = TestTokens.user(user);
        String id = id(api.postJson("/kitchen/schedules", "{\"order_id\":\"" + UUID.randomUUID() + "\",\"order\":" + LATTE + "}", token));
        setStatus(user, id, "progress");

        // WHEN its owner tries to change it, to delete it, then cancels it
        HttpResponse<String> replaced = api.send("PUT", "/kitchen/schedules/" + id, "{\"order\":" + LATTE + "}", token);
        HttpResponse<String> deleted = api.send("DELETE", "/kitchen/schedules/" + id, null, token);
        HttpResponse<String> cancelled = api.postJson("/kitchen/schedules/" + id + "/cancel", null, token);

        // THEN 409 naming progress twice, then 200 cancelled
        assertProblem(replaced, 409);
        assertTrue(replaced.body().contains("progress"), replaced.body());
        assertProblem(deleted, 409);
        assertTrue(deleted.body().contains("progress"), deleted.body());
        assertEquals(200, cancelled.statusCode(), cancelled.body());
        assertEquals("cancelled", read(cancelled).get("status").getStringValue());
    }

    @Test
    void finishedSchedule_cannotBeCancelledChangedOrDeleted() {
        // GIVEN a schedule the kitchen has finished
        UUID user = UUID.randomUUID();
        String token = TestTokens.user(user);
        String id = id(api.postJson("/kitchen/schedules", "{\"order_id\":\"" + UUID.randomUUID() + "\",\"order\":" + LATTE + "}", token));
        setStatus(user, id, "finished");
        String before = api.get("/kitchen/schedules/" + id, token).body();

        // WHEN its owner cancels, changes and deletes it
        HttpResponse<String> cancelled = api.postJson("/kitchen/schedules/" + id + "/cancel", null, token);
        HttpResponse<String> replaced = api.send("PUT", "/kitchen/schedules/" + id, "{\"order\":" + LATTE + "}", token);
        HttpResponse<String> deleted = api.send("DELETE", "/kitchen/schedules/" + id, null, token);

        // THEN 409 each time, and it is still finished
        assertProblem(cancelled, 409);
        assertProblem(replaced, 409);
        assertProblem(deleted, 409);
        assertEquals(before, api.get("/kitchen/schedules/" + id, token).body());
        assertTrue(before.contains("\"status\":\"finished\""), before);
    }

    @Test
    void listSchedules_isNewestFirst_andFiltersByProgressAndSince_andPages() {
        // GIVEN five schedules a minute apart, the third in progress, and another user's schedule
        UUID user = UUID.randomUUID();
        String token = TestTokens.user(user);
        List<String> ids = new ArrayList<>();
        Instant third = null;
        for (int i = 0; i < 5; i++) {
            CLOCK.advance(Duration.ofMinutes(1));
            third = i == 2 ? CLOCK.instant() : third;
            ids.add(id(api.postJson("/kitchen/schedules", "{\"order_id\":\"" + UUID.randomUUID() + "\",\"order\":" + LATTE + "}", token)));
        }
        setStatus(user, ids.get(2), "progress");
        api.postJson("/kitchen/schedules", "{\"order_id\":\"" + UUID.randomUUID() + "\",\"order\":" + LATTE + "}", TestTokens.user(UUID.randomUUID()));

        // WHEN they list all, in progress, not in progress, since the third (in UTC and with an offset), and by pages of 2
        List<String> all = ids(api.get("/kitchen/schedules", token));
        List<String> inProgress = ids(api.get("/kitchen/schedules?progress=true", token));
        List<String> notInProgress = ids(api.get("/kitchen/schedules?progress=false", token));
        List<String> sinceThird = ids(api.get("/kitchen/schedules?since=" + third, token));
        // Formatted, not toString(): that drops ":00" seconds, which RFC 3339 requires (a 422 one run in 60).
        String withOffset = java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                third.atOffset(java.time.ZoneOffset.ofHours(2)));
        List<String> sinceThirdWithOffset = ids(api.get("/kitchen/schedules?since=" + URLEncoder.encode(withOffset, StandardCharsets.UTF_8), token));
        List<String> sinceThirdNotInProgress = ids(api.get("/kitchen/schedules?progress=false&since=" + third, token));
        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = read(api.get("/kitchen/schedules?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), token));
            page.get("items").values().forEach(item -> paged.add(item.get("id").getStringValue()));
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").getStringValue();
            pages++;
        } while (cursor != null);

        // THEN newest first, the filters keep what they say, and the pages hold each schedule once
        assertEquals(List.of(ids.get(4), ids.get(3), ids.get(2), ids.get(1), ids.get(0)), all);
        assertEquals(List.of(ids.get(2)), inProgress);
        assertEquals(List.of(ids.get(4), ids.get(3), ids.get(1), ids.get(0)), notInProgress);
        assertEquals(List.of(ids.get(4), ids.get(3), ids.get(2)), sinceThird);
        assertEquals(sinceThird, sinceThirdWithOffset);
        assertEquals(List.of(ids.get(4), ids.get(3)), sinceThirdNotInProgress);
        assertEquals(all, paged);
        assertTrue(pages == 3 || pages == 4, "pages: " + pages);
    }

    @Test
    void listSchedules_pagesThroughAFilter_thatDropsMostItems() {
        // GIVEN 30 schedules of which only the oldest and the newest are in progress
        UUID user = UUID.randomUUID();
        String token = TestTokens.user(user);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            CLOCK.advance(Duration.ofSeconds(1));
            ids.add(id(api.postJson("/kitchen/schedules", "{\"order_id\":\"" + UUID.randomUUID() + "\",\"order\":" + LATTE + "}", token)));
        }
        setStatus(user, ids.get(0), "progress");
        setStatus(user, ids.get(29), "progress");

        // WHEN they page through progress=true one at a time
        JsonNode first = read(api.get("/kitchen/schedules?progress=true&limit=1", token));
        String cursor = first.get("next_cursor").getStringValue();
        JsonNode second = read(api.get("/kitchen/schedules?progress=true&limit=1&cursor=" + cursor, token));

        // THEN each page is full (the query reads on past the filtered-out items), newest first
        assertEquals(ids.get(29), first.get("items").get(0).get("id").getStringValue());
        assertEquals(ids.get(0), second.get("items").get(0).get("id").getStringValue());
    }

    @Test
    void listSchedules_returnsAnEmptyLastPage_forACursorOlderThanSince() {
        // GIVEN two schedules a minute apart, and the cursor after the newest one
        String token = TestTokens.user(UUID.randomUUID());
        for (int i = 0; i < 2; i++) {
            CLOCK.advance(Duration.ofMinutes(1));
            api.postJson("/kitchen/schedules", "{\"order_id\":\"" + UUID.randomUUID() + "\",\"order\":" + LATTE + "}", token);
        }
        String cursor = read(api.get("/kitchen/schedules?limit=1", token)).get("next_cursor").getStringValue();

        // WHEN the cursor is used with a since later than the schedule it points after
        HttpResponse<String> page = api.get("/kitchen/schedules?limit=1&since=" + CLOCK.instant().plusSeconds(1) + "&cursor=" + cursor, token);

        // THEN an empty last page (DynamoDB would refuse a start key outside the key condition)
        assertEquals(200, page.statusCode(), page.body());
        assertEquals("{\"items\":[],\"next_cursor\":null}", page.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"progress=maybe", "progress=TRUE", "progress=1", "since=yesterday", "since=2026-13-01T00:00:00Z",
            "since=2026-11-22", "limit=0", "limit=101", "limit=ten", "cursor=not-a-cursor"})
    void listSchedules_returns422_forABadQueryParameter(String query) {
        // GIVEN a user
        String token = TestTokens.user(UUID.randomUUID());

        // WHEN they list with the parameter
        HttpResponse<String> listed = api.get("/kitchen/schedules?" + query, token);

        // THEN a 422 problem naming it
        assertProblem(listed, 422);
        assertTrue(listed.body().contains("\"field\":\"" + query.substring(0, query.indexOf('=')) + "\""), listed.body());
    }

    @Test
    void listSchedules_returns422_forAnotherUsersCursor() {
        // GIVEN a cursor from Alice's list
        String alice = TestTokens.user(UUID.randomUUID());
        for (int i = 0; i < 2; i++) {
            api.postJson("/kitchen/schedules", "{\"order_id\":\"" + UUID.randomUUID() + "\",\"order\":" + LATTE + "}", alice);
        }
        String cursor = read(api.get("/kitchen/schedules?limit=1", alice)).get("next_cursor").getStringValue();

        // WHEN Bob presents it
        HttpResponse<String> listed = api.get("/kitchen/schedules?limit=1&cursor=" + cursor, TestTokens.user(UUID.randomUUID()));

        // THEN 422 on cursor: it reaches nothing of Alice's
        assertProblem(listed, 422);
        assertTrue(listed.body().contains("\"field\":\"cursor\""), listed.body());
    }

    @Test
    void anotherUsersSchedule_is404OnEveryRoute_andStaysUnchanged() {
        // GIVEN Alice's schedule
        String alice = TestTokens.user(UUID.randomUUID());
        String order = UUID.randomUUID().toString();
        HttpResponse<String> created = api.postJson("/kitchen/schedules", "{\"order_id\":\"" + order + "\",\"order\":" + LATTE + "}", alice);
        String id = id(created);
        String path = "/kitchen/schedules/" + id;

        // WHEN Bob reads, changes, cancels, deletes and lists
        UUID bobId = UUID.randomUUID();
        String bob = TestTokens.user(bobId);
        List<HttpResponse<String>> attempts = List.of(api.get(path, bob), api.get(path + "/status", bob),
                api.send("PUT", path, "{\"order\":[{\"product\":\"water\",\"size\":\"small\"}]}", bob, "If-Match", "\"1\""),
                api.postJson(path + "/cancel", null, bob), api.send("DELETE", path, null, bob, "If-Match", "*"));
        HttpResponse<String> bobsList = api.get("/kitchen/schedules", bob);

        // THEN 404 for each, an empty list, and Alice's schedule exactly as it was
        attempts.forEach(response -> assertProblem(response, 404));
        assertEquals("{\"items\":[],\"next_cursor\":null}", bobsList.body());
        HttpResponse<String> after = api.get(path, alice);
        assertEquals(created.body(), after.body());
        assertEquals("\"1\"", after.headers().firstValue("ETag").orElse(""));
        assertEquals(0, storedItems(bobId).size());
    }

    @Test
    void scheduling_theSameOrderId_asAnotherUser_makesThatUsersOwnSchedule() {
        // GIVEN Alice's schedule for an order id
        String alice = TestTokens.user(UUID.randomUUID());
        String order = UUID.randomUUID().toString();
        HttpResponse<String> alices = api.postJson("/kitchen/schedules", "{\"order_id\":\"" + order + "\",\"order\":" + LATTE + "}", alice);

        // WHEN Bob schedules the same order id
        HttpResponse<String> bobs = api.postJson("/kitchen/schedules", "{\"order_id\":\"" + order + "\",\"order\":" + LATTE + "}", TestTokens.user(UUID.randomUUID()));

        // THEN Bob gets a new schedule of his own, not Alice's
        assertEquals(201, bobs.statusCode(), bobs.body());
        assertTrue(!id(alices).equals(id(bobs)), bobs.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"00000000-0000-0000-0000-000000000000", "not-a-uuid", "1-1-1-1-1", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz"})
    void unknownOrMalformedId_is404(String id) {
        String token = TestTokens.user(UUID.randomUUID());
        assertProblem(api.get("/kitchen/schedules/" + id, token), 404);
        assertProblem(api.get("/kitchen/schedules/" + id + "/status", token), 404);
        assertProblem(api.postJson("/kitchen/schedules/" + id + "/cancel", null, token), 404);
    }

    @Test
    void everyRoute_returns401_withoutAValidToken() {
        // GIVEN a schedule, no token and a token signed by an unknown key
        String id = id(api.postJson("/kitchen/schedules", "{\"order_id\":\"" + UUID.randomUUID() + "\",\"order\":" + LATTE + "}",
                TestTokens.user(UUID.randomUUID())));
        String forged = TestTokens.builder(UUID.randomUUID()).signedByUnknownKey().sign();
        String body = "{\"order_id\":\"" + UUID.randomUUID() + "\",\"order\":" + LATTE + "}";

        for (String token : new String[] {null, forged}) {
            // WHEN each route is called with it
            List<HttpResponse<String>> answers = List.of(api.postJson("/kitchen/schedules", body, token),
                    api.get("/kitchen/schedules", token), api.get("/kitchen/schedules/" + id, token),
                    api.get("/kitchen/schedules/" + id + "/status", token),
                    api.send("PUT", "/kitchen/schedules/" + id, "{\"order\":" + LATTE + "}", token),
                    api.send("DELETE", "/kitchen/schedules/" + id, null, token),
                    api.postJson("/kitchen/schedules/" + id + "/cancel", null, token));

            // THEN 401 problems asking for a bearer token
            for (HttpResponse<String> answer : answers) {
                assertProblem(answer, 401);
                assertTrue(answer.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"), answer.headers().toString());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"order\":" + LATTE + "}",
            "{\"order_id\":null,\"order\":" + LATTE + "}",
            "{\"order_id\":\"nope\",\"order\":" + LATTE + "}",
            "{\"order_id\":42,\"order\":" + LATTE + "}",
            "{\"order_id\":[\"ORDER\"],\"order\":" + LATTE + "}",
            "{\"order_id\":\"1-1-1-1-1\",\"order\":" + LATTE + "}",
            "{\"order_id\":\"ORDER\"}",
            "{\"order_id\":\"ORDER\",\"order\":[]}",
            "{\"order_id\":\"ORDER\",\"order\":{}}",
            "{\"order_id\":\"ORDER\",\"order\":[null]}",
            "{\"order_id\":\"ORDER\",\"order\":[{\"product\":\"latte\"}]}",
            "{\"order_id\":\"ORDER\",\"order\":[{\"size\":\"big\"}]}",
            "{\"order_id\":\"ORDER\",\"order\":[{\"product\":\"latte\",\"size\":\"qwerty\"}]}",
            "{\"order_id\":\"ORDER\",\"order\":[{\"product\":\"latte\",\"size\":\"BIG\"}]}",
            "{\"order_id\":\"ORDER\",\"order\":[{\"product\":\"\",\"size\":\"big\"}]}",
            "{\"order_id\":\"ORDER\",\"order\":[{\"product\":\"   \",\"size\":\"big\"}]}",
            "{\"order_id\":\"ORDER\",\"order\":[{\"product\":42,\"size\":\"big\"}]}",
            "{\"order_id\":\"ORDER\",\"order\":[{\"product\":\"latte\",\"size\":\"big\",\"quantity\":\"1\"}]}",
            "{\"order_id\":\"ORDER\",\"order\":[{\"product\":\"latte\",\"size\":\"big\",\"quantity\":1.0}]}",
            "{\"order_id\":\"ORDER\",\"order\":[{\"product\":\"latte\",\"size\":\"big\",\"quantity\":1.5}]}",
            "{\"order_id\":\"ORDER\",\"order\":[{\"product\":\"latte\",\"size\":\"big\",\"quantity\":true}]}",
            "{\"order_id\":\"ORDER\",\"order\":[{\"product\":\"latte\",\"size\":\"big\",\"quantity\":0}]}",
            "{\"order_id\":\"ORDER\",\"order\":[{\"product\":\"latte\",\"size\":\"big\",\"quantity\":-1}]}",
            "{\"order_id\":\"ORDER\",\"order\":[{\"product\":\"latte\",\"size\":\"big\",\"quantity\":1000001}]}",
            "{\"order_id\":\"ORDER\",\"order\":[{\"product\":\"latte\",\"size\":\"big\",\"quantity\":1e400}]}",
            "{\"order_id\":\"ORDER\",\"order\":[{\"product\":\"latte\",\"size\":\"big\",\"price\":3}]}",
            "{\"order_id\":\"ORDER\",\"order\":" + LATTE + ",\"status\":\"finished\"}",
            "{\"order_id\":\"ORDER\",\"order\":" + LATTE + ",\"id\":\"00000000-0000-0000-0000-000000000001\"}"})
    void createSchedule_returns422AndStoresNothing_forInvalidInput(String body) {
        // GIVEN a user
        UUID user = UUID.randomUUID();
        String token = TestTokens.user(user);

        // WHEN they send the invalid body
        HttpResponse<String> answer = api.postJson("/kitchen/schedules", body.replace("ORDER", UUID.randomUUID().toString()), token);

        // THEN a 422 problem with field errors, and nothing in their partition
        assertProblem(answer, 422);
        assertTrue(answer.body().contains("\"errors\":[{\"field\":"), answer.body());
        assertEquals(0, storedItems(user).size());
    }

    @Test
    void createSchedule_returns422_forTooManyItemsOrTooLongAProduct() {
        // GIVEN a user, 51 items, and a product of 101 characters (100 is fine)
        UUID user = UUID.randomUUID();
        String token = TestTokens.user(user);
        String item = "{\"product\":\"latte\",\"size\":\"big\"}";
        String tooMany = "[" + String.join(",", java.util.Collections.nCopies(51, item)) + "]";
        String fifty = "[" + String.join(",", java.util.Collections.nCopies(50, item)) + "]";

        // WHEN each is scheduled
        HttpResponse<String> many = api.postJson("/kitchen/schedules", "{\"order_id\":\"" + UUID.randomUUID() + "\",\"order\":" + tooMany + "}", token);
        HttpResponse<String> longName = api.postJson("/kitchen/schedules", "{\"order_id\":\"" + UUID.randomUUID()
                + "\",\"order\":[{\"product\":\"" + "x".repeat(101) + "\",\"size\":\"big\"}]}", token);
        HttpResponse<String> limits = api.postJson("/kitchen/schedules", "{\"order_id\":\"" + UUID.randomUUID()
                + "\",\"order\":[{\"product\":\"" + "x".repeat(100) + "\",\"size\":\"big\",\"quantity\":1000000}]}", token);
        HttpResponse<String> fiftyItems = api.postJson("/kitchen/schedules", "{\"order_id\":\"" + UUID.randomUUID() + "\",\"order\":" + fifty + "}", token);

        // THEN 422 on order and on order[0].product; the limits themselves are accepted
        assertProblem(many, 422);
        assertTrue(many.body().contains("\"field\":\"order\""), many.body());
        assertProblem(longName, 422);
        assertTrue(longName.body().contains("\"field\":\"order[0].product\""), longName.body());
        assertEquals(201, limits.statusCode(), limits.body());
        assertEquals(201, fiftyItems.statusCode(), fiftyItems.body());
        assertEquals(2, storedSchedules(user));
    }

    @Test
    void createSchedule_returns400_whenTheBodyIsNotAJsonObject() {
        UUID user = UUID.randomUUID();
        String token = TestTokens.user(user);
        assertProblem(api.postJson("/kitchen/schedules", "{\"order_id\":", token), 400);
        assertProblem(api.postJson("/kitchen/schedules", "[]", token), 400);
        assertEquals(0, storedItems(user).size());
    }

    @Test
    void replaceSchedule_returns422AndLeavesItUnchanged_forInvalidItems() {
        // GIVEN a pending schedule
        String token = TestTokens.user(UUID.randomUUID());
        HttpResponse<String> created = api.postJson("/kitchen/schedules", "{\"order_id\":\"" + UUID.randomUUID() + "\",\"order\":" + LATTE + "}", token);
        String path = "/kitchen/schedules/" + id(created);

        // WHEN its owner sends invalid replacements
        List<HttpResponse<String>> answers = List.of(api.send("PUT", path, "{\"order\":[]}", token),
                api.send("PUT", path, "{}", token),
                api.send("PUT", path, "{\"order\":[{\"product\":\"latte\",\"size\":\"huge\"}]}", token),
                api.send("PUT", path, "{\"order\":" + LATTE + ",\"status\":\"finished\"}", token),
                api.send("PUT", path, "{\"order\":" + LATTE + ",\"order_id\":\"" + UUID.randomUUID() + "\"}", token));

        // THEN 422 each time, and the schedule is as it was
        answers.forEach(answer -> assertProblem(answer, 422));
        assertEquals(created.body(), api.get(path, token).body());
    }

    @Test
    void twentyConcurrentCreates_forOneOrder_makeOneSchedule() throws Exception {
        // GIVEN a user and an order
        UUID user = UUID.randomUUID();
        String token = TestTokens.user(user);
        String body = "{\"order_id\":\"" + UUID.randomUUID() + "\",\"order\":" + LATTE + "}";

        // WHEN 20 requests schedule it at once
        List<HttpResponse<String>> answers = concurrently(20, () -> api.postJson("/kitchen/schedules", body, token));

        // THEN one 201, nineteen 200s, all with the same schedule, and one schedule and one claim in the table
        Set<String> ids = new HashSet<>();
        int created = 0;
        for (HttpResponse<String> answer : answers) {
            assertTrue(answer.statusCode() == 200 || answer.statusCode() == 201, answer.statusCode() + " " + answer.body());
            created += answer.statusCode() == 201 ? 1 : 0;
            ids.add(id(answer));
        }
        assertEquals(1, created);
        assertEquals(1, ids.size());
        assertEquals(1, storedSchedules(user));
        assertEquals(2, storedItems(user).size());
    }

    @Test
    void tenConcurrentCancels_allAnswerCancelled_andWriteOnce() throws Exception {
        // GIVEN a pending schedule
        String token = TestTokens.user(UUID.randomUUID());
        String id = id(api.postJson("/kitchen/schedules", "{\"order_id\":\"" + UUID.randomUUID() + "\",\"order\":" + LATTE + "}", token));

        // WHEN it is cancelled ten times at once (orders retrying a cancel)
        List<HttpResponse<String>> answers = concurrently(10, () -> api.postJson("/kitchen/schedules/" + id + "/cancel", null, token));

        // THEN every answer is 200 cancelled, and the schedule was written once (version 2)
        for (HttpResponse<String> answer : answers) {
            assertEquals(200, answer.statusCode(), answer.body());
            assertEquals("cancelled", read(answer).get("status").getStringValue());
        }
        assertEquals("\"2\"", api.get("/kitchen/schedules/" + id, token).headers().firstValue("ETag").orElse(""));
    }

    @Test
    void health_returns200Up_withoutAToken() {
        HttpResponse<String> health = api.get("/health/kitchen", null);
        assertEquals(200, health.statusCode(), health.body());
        assertEquals("UP", read(health).get("status").getStringValue());
        assertEquals("UP", read(health).get("checks").get("dynamodb").getStringValue());
    }

    private List<HttpResponse<String>> concurrently(int n, Callable<HttpResponse<String>> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (Future<HttpResponse<String>> future : pool.invokeAll(java.util.Collections.nCopies(n, call))) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdown();
        }
    }

    /** What the kitchen staff would do (no route moves a schedule to progress or finished yet). */
    private void setStatus(UUID user, String id, String status) {
        dynamoDb.updateItem(r -> r.tableName(table()).key(Map.of("pk", AttributeValue.fromS("USER#" + user), "sk", AttributeValue.fromS("SCHEDULE#" + id)))
                .updateExpression("SET #status = :status, version = version + :one")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":status", AttributeValue.fromS(status), ":one", AttributeValue.fromN("1"))));
    }

    private List<Map<String, AttributeValue>> storedItems(UUID user) {
        return dynamoDb.query(r -> r.tableName(table()).consistentRead(true).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("USER#" + user)))).items();
    }

    private long storedSchedules(UUID user) {
        return storedItems(user).stream().filter(item -> item.get("sk").s().startsWith("SCHEDULE#")).count();
    }

    private String table() {
        return tables.get("canopy.dynamodb.table-prefix") + "kitchen-schedules";
    }

    private List<String> ids(HttpResponse<String> list) {
        assertEquals(200, list.statusCode(), list.body());
        List<String> ids = new ArrayList<>();
        read(list).get("items").values().forEach(item -> ids.add(item.get("id").getStringValue()));
        return ids;
    }

    private String id(HttpResponse<String> response) {
        return read(response).get("id").getStringValue();
    }

    private JsonNode read(HttpResponse<String> response) {
        try {
            return json.readValue(response.body(), JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
