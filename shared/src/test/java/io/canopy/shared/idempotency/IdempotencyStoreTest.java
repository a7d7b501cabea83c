package io.canopy.shared.idempotency;

import io.canopy.shared.error.ApiException;
import io.canopy.testsupport.TestDynamoDb;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.annotation.Serdeable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** On a real DynamoDB Local table. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdempotencyStoreTest {

    private ApplicationContext context;
    private IdempotencyStore store;

    @Serdeable
    record Body(String name, int amount) {
    }

    @BeforeAll
    void start() {
        Map<String, Object> properties = new HashMap<>(TestDynamoDb.newTables());
        properties.put("canopy.idempotency.table", "shared-idempotency");
        context = ApplicationContext.run(properties);
        store = context.getBean(IdempotencyStore.class);
    }

    @AfterAll
    void stop() {
        context.close();
    }

    @Test
    void execute_replaysFirstResponse_whenSameKeyAndSameBody() {
        // GIVEN a first create with a key
        AtomicInteger runs = new AtomicInteger();
        Body body = new Body("a", 1);
        MutableHttpResponse<?> first = store.execute("user-1 POST /things", "key-1", body, () -> created(runs));

        // WHEN the same request comes again
        MutableHttpResponse<?> second = store.execute("user-1 POST /things", "key-1", new Body("a", 1), () -> created(runs));

        // THEN the action ran once and the second answer repeats status, body and Location, marked as a replay
        assertEquals(1, runs.get());
        assertEquals(HttpStatus.CREATED, second.status());
        assertEquals("{\"name\":\"thing-1\",\"amount\":1}", new String((byte[]) second.body(), StandardCharsets.UTF_8));
        assertEquals(first.getHeaders().get(HttpHeaders.LOCATION), second.getHeaders().get(HttpHeaders.LOCATION));
        assertEquals("true", second.getHeaders().get(IdempotencyStore.REPLAYED_HEADER));
    }

    @Test
    void execute_throwsUnprocessable_whenSameKeyComesWithAnotherBody() {
        // GIVEN a request done with a key
        AtomicInteger runs = new AtomicInteger();
        store.execute("user-1 POST /things", "key-2", new Body("a", 1), () -> created(runs));

        // WHEN the key is reused with another body
        ApiException e = assertThrows(ApiException.class,
                () -> store.execute("user-1 POST /things", "key-2", new Body("a", 2), () -> created(runs)));

        // THEN 422 on the header, and nothing ran again
        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, e.status());
        assertEquals(IdempotencyStore.HEADER, e.errors().get(0).field());
        assertEquals(1, runs.get());
    }

    @Test
    void execute_keepsScopesApart_whenTwoUsersUseOneKey() {
        // GIVEN user 1 used a key
        AtomicInteger runs = new AtomicInteger();
        store.execute("user-1 POST /things", "shared-key", new Body("a", 1), () -> created(runs));

        // WHEN user 2 uses the same key
        MutableHttpResponse<?> other = store.execute("user-2 POST /things", "shared-key", new Body("a", 1), () -> created(runs));

        // THEN user 2's request ran on its own, not as a replay of user 1's
        assertEquals(2, runs.get());
        assertFalse(other.getHeaders().contains(IdempotencyStore.REPLAYED_HEADER));
    }

    @Test
    void execute_releasesKey_whenActionFails() {
        // GIVEN an action that fails once
        AtomicInteger runs = new AtomicInteger();
        assertThrows(IllegalStateException.class, () -> store.execute("user-1 POST /things", "key-3", new Body("a", 1), () -> {
            runs.incrementAndGet();
            throw new IllegalStateException("store down");
        }));

        // WHEN the client retries with the same key
        MutableHttpResponse<?> retry = store.execute("user-1 POST /things", "key-3", new Body("a", 1), () -> created(runs));

        // THEN the retry runs the action
        assertEquals(HttpStatus.CREATED, retry.status());
        assertEquals(2, runs.get());
    }

    @Test
    void execute_runsActionOnce_whenTwentyRequestsRace() throws Exception {
        // GIVEN 20 concurrent requests with one key and a slow action
        AtomicInteger runs = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(() -> {
                try {
                    return store.execute("user-1 POST /things", "race", new Body("a", 1), () -> {
                        sleep(300);
                        return created(runs);
                    }).code();
                } catch (ApiException e) {
                    return e.status().getCode();
                }
            });
        }

        // WHEN they run
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> result : pool.invokeAll(calls)) {
            statuses.add(result.get());
        }
        pool.shutdown();

        // THEN exactly one ran the action; the others were told it is in progress or got the replay
        assertEquals(1, runs.get());
        assertTrue(statuses.stream().allMatch(status -> status == 201 || status == 409), statuses.toString());
    }

    @Test
    void execute_throwsUnprocessable_whenKeyIsNotVisibleAscii() {
        AtomicInteger runs = new AtomicInteger();
        for (String bad : List.of("", "has space", "x".repeat(256), "caf\u00e9")) {
            ApiException e = assertThrows(ApiException.class,
                    () -> store.execute("user-1 POST /things", bad, new Body("a", 1), () -> created(runs)));
            assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, e.status(), bad);
        }
        assertEquals(0, runs.get());
    }

    @Test
    void execute_runsEveryTime_whenNoKeyIsGiven() {
        AtomicInteger runs = new AtomicInteger();
        store.execute("user-1 POST /things", null, new Body("a", 1), () -> created(runs));
        store.execute("user-1 POST /things", null, new Body("a", 1), () -> created(runs));
        assertEquals(2, runs.get());
    }

    private static MutableHttpResponse<?> created(AtomicInteger runs) {
        int n = runs.incrementAndGet();
        return HttpResponse.created(new Body("thing-" + n, 1), URI.create("/things/" + n));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
