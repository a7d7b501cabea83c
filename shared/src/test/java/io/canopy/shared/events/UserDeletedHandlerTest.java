package io.canopy.shared.events;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserDeletedHandlerTest {

    private static final String USER = "6f1c1f4e-0d7c-4c39-9d7e-5d6f0a9b1c2d";
    private ApplicationContext context;
    private UserDeletedHandler handler;

    @Singleton
    @Requires(property = "spec.name", value = "UserDeletedHandlerTest")
    static class RecordingEraser implements UserDataEraser {
        final List<UUID> erased = new CopyOnWriteArrayList<>();

        @Override
        public long eraseUserData(UUID userId) {
            erased.add(userId);
            return 3;
        }
    }

    @BeforeEach
    void start() {
        context = ApplicationContext.run(Map.of("spec.name", "UserDeletedHandlerTest"));
        handler = new UserDeletedHandler(context);
    }

    @AfterEach
    void stop() {
        handler.close();
    }

    @Test
    void handleRequest_callsEveryEraser_whenEventBridgeDeliversUserDeleted() throws Exception {
        // GIVEN the envelope EventBridge delivers
        String event = "{\"version\":\"0\",\"id\":\"e-1\",\"detail-type\":\"UserDeleted\",\"source\":\"canopy.identity\","
                + "\"account\":\"000000000000\",\"time\":\"2026-11-22T09:30:00Z\",\"region\":\"us-east-1\",\"resources\":[],"
                + "\"detail\":{\"user_id\":\"" + USER + "\"}}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        // WHEN the handler runs
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);

        // THEN the group's eraser got the user, and the result says how much went
        assertEquals(List.of(UUID.fromString(USER)), context.getBean(RecordingEraser.class).erased);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"erased\":3"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void handleRequest_fails_whenEventIsNotUserDeleted() {
        // GIVEN events that are not identity's UserDeleted, or carry no valid user id
        for (String event : List.of(
                "{\"id\":\"e\",\"detail-type\":\"UserDeleted\",\"source\":\"someone.else\",\"detail\":{\"user_id\":\"" + USER + "\"}}",
                "{\"id\":\"e\",\"detail-type\":\"UserDeleted\",\"source\":\"canopy.identity\",\"detail\":{}}",
                "{\"id\":\"e\",\"detail-type\":\"UserDeleted\",\"source\":\"canopy.identity\",\"detail\":{\"user_id\":\"nope\"}}")) {
            // WHEN handled / THEN the invocation fails (EventBridge retries, then dead-letters) and nothing is erased
            assertThrows(IllegalArgumentException.class, () -> handler.handleRequest(
                    new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null));
        }
        assertEquals(List.of(), context.getBean(RecordingEraser.class).erased);
    }
}
