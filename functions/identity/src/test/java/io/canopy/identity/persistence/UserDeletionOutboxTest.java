package io.canopy.identity.persistence;

import com.sun.net.httpserver.HttpServer;
import io.canopy.identity.IdentityTestSetup;
import io.canopy.identity.domain.UserDeleted;
import io.canopy.identity.domain.UserDeletionOutbox;
import io.canopy.identity.domain.UserDeletionRelay;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outbox on real PostgreSQL, relayed through the real EventBridge client to a stand-in for EventBridge's
 * PutEvents API (AWS is the third party at this boundary; the local runtime's bus is tested in infra/).
 */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserDeletionOutboxTest implements TestPropertyProvider {

    private static final HttpServer EVENTBRIDGE = startEventBridge();
    private static final List<String> RECEIVED = new CopyOnWriteArrayList<>();
    private static final AtomicInteger FAILURES_TO_ANSWER = new AtomicInteger();

    @Inject
    UserDeletionOutbox outbox;
    @Inject
    UserDeletionRelay relay;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(IdentityTestSetup.properties());
        properties.put("canopy.identity.events-endpoint", "http://127.0.0.1:" + EVENTBRIDGE.getAddress().getPort());
        properties.put("canopy.identity.event-bus", "canopy-test-bus");
        return properties;
    }

    @AfterAll
    void stop() {
        EVENTBRIDGE.stop(0);
    }

    @BeforeEach
    void empty() {
        outbox.oldest(100).forEach(event -> outbox.remove(event.eventId()));
        RECEIVED.clear();
        FAILURES_TO_ANSWER.set(0);
    }

    @Test
    void relay_putsEventOnBusAndEmptiesOutbox_whenEventBridgeAccepts() {
        // GIVEN a deletion in the outbox
        UUID userId = UUID.randomUUID();
        outbox.add(new UserDeleted(UUID.randomUUID(), userId, Instant.parse("2026-11-22T09:30:00Z")));

        // WHEN relaying
        int published = relay.relay();

        // THEN EventBridge got one PutEvents with our source, detail-type, bus and user id; nothing waits
        assertEquals(1, published);
        assertEquals(1, RECEIVED.size());
        String body = RECEIVED.get(0);
        assertTrue(body.contains("\"Source\":\"canopy.identity\""), body);
        assertTrue(body.contains("\"DetailType\":\"UserDeleted\""), body);
        assertTrue(body.contains("\"EventBusName\":\"canopy-test-bus\""), body);
        assertTrue(body.contains("\\\"user_id\\\":\\\"" + userId + "\\\""), body);
        assertEquals(0, outbox.pending());
    }

    @Test
    void relay_keepsEventsInOrder_whenEventBridgeFailsThenRecovers() {
        // GIVEN two deletions, and EventBridge failing for longer than the SDK retries
        UserDeleted first = new UserDeleted(UUID.randomUUID(), UUID.randomUUID(), Instant.parse("2026-11-22T09:00:00Z"));
        UserDeleted second = new UserDeleted(UUID.randomUUID(), UUID.randomUUID(), Instant.parse("2026-11-22T09:01:00Z"));
        outbox.add(second);
        outbox.add(first);
        FAILURES_TO_ANSWER.set(100);

        // WHEN relaying during the outage
        int duringOutage = relay.relay();

        // THEN nothing is lost: both wait, oldest first
        assertEquals(0, duringOutage);
        assertEquals(List.of(first.eventId(), second.eventId()), outbox.oldest(10).stream().map(UserDeleted::eventId).toList());

        // WHEN EventBridge is back and the next deletion relays
        FAILURES_TO_ANSWER.set(0);
        RECEIVED.clear();
        int afterOutage = relay.relay();

        // THEN both go out, oldest first, and the outbox is empty
        assertEquals(2, afterOutage);
        assertTrue(RECEIVED.get(0).contains(first.userId().toString()));
        assertTrue(RECEIVED.get(1).contains(second.userId().toString()));
        assertEquals(0, outbox.pending());
    }

    private static HttpServer startEventBridge() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                boolean putEvents = "AWSEvents.PutEvents".equals(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
                byte[] answer;
                if (FAILURES_TO_ANSWER.getAndUpdate(n -> Math.max(0, n - 1)) > 0 || !putEvents) {
                    answer = "{\"__type\":\"InternalException\",\"message\":\"down\"}".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(500, answer.length);
                } else {
                    RECEIVED.add(body);
                    answer = "{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"e-1\"}]}".getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
                    exchange.sendResponseHeaders(200, answer.length);
                }
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
