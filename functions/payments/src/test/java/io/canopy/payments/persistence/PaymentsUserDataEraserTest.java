package io.canopy.payments.persistence;

import io.canopy.payments.domain.PaymentService;
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

/** A deleted user's payments and order claims, erased on the real table; nobody else's. */
@MicronautTest(startApplication = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentsUserDataEraserTest implements TestPropertyProvider {

    @Inject
    ApplicationContext context;
    @Inject
    PaymentService payments;
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
    void eraseUserData_deletesEveryPaymentAndClaim_ofThatUserOnly_andAgainFindsNothing() {
        // GIVEN 30 paid orders of a user, one order declined then paid, and another user's payment
        UUID userId = UUID.randomUUID();
        Caller user = caller(userId, "frank@example.com");
        for (int i = 0; i < 30; i++) {
            payments.pay(user, UUID.randomUUID());
        }
        UUID retried = UUID.randomUUID();
        payments.pay(caller(userId, "frank+decline@example.com"), retried);
        payments.pay(user, retried);
        Caller other = caller(UUID.randomUUID(), "grace@example.com");
        payments.pay(other, UUID.randomUUID());

        // WHEN the payments eraser runs for the user, twice
        assertEquals(1, erasers.size());
        long first = erasers.get(0).eraseUserData(userId);
        long second = erasers.get(0).eraseUserData(userId);

        // THEN 32 payments went (with their 31 claims), nothing is left of the user, the other user keeps theirs
        assertEquals(32, first);
        assertEquals(0, second);
        assertEquals(0, partition(userId).size());
        assertEquals(2, partition(other.id()).size());

        // AND the user's still-valid token pays nothing more (the erasure's tombstone), while the other user still can
        ApiException refused = assertThrows(ApiException.class, () -> payments.pay(user, UUID.randomUUID()));
        assertEquals(401, refused.status().getCode());
        assertEquals(0, partition(userId).size());
        payments.pay(other, UUID.randomUUID());
        assertEquals(4, partition(other.id()).size());
    }

    @Test
    void userDeletedEvent_reachesTheEraser_throughTheSharedHandler() throws Exception {
        // GIVEN a user with a payment
        UUID userId = UUID.randomUUID();
        payments.pay(caller(userId, "heidi@example.com"), UUID.randomUUID());

        // WHEN the UserDeleted event arrives as EventBridge delivers it
        String event = "{\"id\":\"e\",\"source\":\"canopy.identity\",\"detail-type\":\"UserDeleted\",\"detail\":{\"user_id\":\"" + userId + "\"}}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new UserDeletedHandler(context).handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);

        // THEN the handler reports one erased payment, and the partition is empty
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"erased\":1"), out.toString(StandardCharsets.UTF_8));
        assertEquals(0, partition(userId).size());
    }

    private static Caller caller(UUID id, String email) {
        return new Caller(id, email, Set.of("user"), Set.of());
    }

    private List<Map<String, AttributeValue>> partition(UUID user) {
        return dynamoDb.query(r -> r.tableName(tables.get("canopy.dynamodb.table-prefix") + DynamoPaymentRepository.TABLE)
                .consistentRead(true).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("USER#" + user)))).items();
    }
}
