package io.canopy.kitchen.persistence;

import io.canopy.kitchen.domain.ScheduleService;
import io.canopy.kitchen.domain.ItemDraft;
import io.canopy.shared.error.ApiException;
import io.canopy.shared.events.UserDataEraser;
import io.canopy.shared.events.UserDeletedHandler;
import io.canopy.shared.security.Caller;
import io.canopy.testsupport.JwksServer;
import io.canopy.testsupport.TestDynamoDb;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A deleted user's schedules and order claims, erased on the real table; nobody else's. */
@MicronautTest(startApplication = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KitchenUserDataEraserTest implements TestPropertyProvider {

    @Inject
    ApplicationContext context;
    @Inject
    ScheduleService schedules;
    @Inject
    List<UserDataEraser> erasers;
    @Inject
    DynamoDbClient dynamoDb;

    private final Map<String, String> tables = TestDynamoDb.newTables();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(tables);
        properties.put(JwksServer.JWKS_URL_PROPERTY, JwksServer.url());
        return properties;
    }

    @Test
    void eraseUserData_deletesEverySchedulesAndClaim_ofThatUserOnly_andAgainFindsNothing() {
        // GIVEN 30 schedules of a user (one cancelled) and one of another user
        Caller user = caller();
        Caller other = caller();
        for (int i = 0; i < 30; i++) {
            schedules.schedule(user, UUID.randomUUID(), List.of(new ItemDraft("latte", "big", 1)));
        }
        UUID cancelled = schedules.schedule(user, UUID.randomUUID(), List.of(new ItemDraft("tea", "small", null))).schedule().id();
        schedules.cancel(user, cancelled);
        schedules.schedule(other, UUID.randomUUID(), List.of(new ItemDraft("mocha", "medium", 2)));

        // WHEN the kitchen's eraser runs for the user, twice
        assertEquals(1, erasers.size());
        long first = erasers.get(0).eraseUserData(user.id());
        long second = erasers.get(0).eraseUserData(user.id());

        // THEN 31 schedules went (with their 31 claims), nothing is left of the user, the other user keeps theirs
        assertEquals(31, first);
        assertEquals(0, second);
        assertEquals(0, partition(user.id()).size());
        assertEquals(2, partition(other.id()).size());

        // AND the user's still-valid token schedules nothing more (the erasure's tombstone); the other user still can
        ApiException refused = assertThrows(ApiException.class,
                () -> schedules.schedule(user, UUID.randomUUID(), List.of(new ItemDraft("latte", "big", 1))));
        assertEquals(401, refused.status().getCode());
        assertEquals(0, partition(user.id()).size());
        schedules.schedule(other, UUID.randomUUID(), List.of(new ItemDraft("tea", "small", 1)));
        assertEquals(4, partition(other.id()).size());
    }

    @Test
    void userDeletedEvent_reachesTheEraser_throughTheSharedHandler() throws Exception {
        // GIVEN a user with a schedule
        Caller user = caller();
        schedules.schedule(user, UUID.randomUUID(), List.of(new ItemDraft("latte", "big", 1)));

        // WHEN the UserDeleted event arrives as EventBridge delivers it
        String event = "{\"id\":\"e\",\"source\":\"canopy.identity\",\"detail-type\":\"UserDeleted\",\"detail\":{\"user_id\":\"" + user.id() + "\"}}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new UserDeletedHandler(context).handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);

        // THEN the handler reports one erased schedule, and the partition is empty
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"erased\":1"), out.toString(StandardCharsets.UTF_8));
        assertEquals(0, partition(user.id()).size());
    }

    private static Caller caller() {
        return new Caller(UUID.randomUUID(), "someone@example.com", Set.of("user"), Set.of());
    }

    private List<Map<String, AttributeValue>> partition(UUID user) {
        return dynamoDb.query(r -> r.tableName(tables.get("canopy.dynamodb.table-prefix") + DynamoScheduleRepository.TABLE)
                .consistentRead(true).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("USER#" + user)))).items();
    }
}
