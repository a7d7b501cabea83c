package io.canopy.shared.dynamodb;

import io.canopy.shared.error.ApiException;
import io.canopy.shared.events.UserDataEraser;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Keeps a deleted user's still-valid access token (up to 15 minutes) from creating data after their erasure. Erasing
 * first writes a tombstone, in its own partition {@code ERASED#<user id>} so that no query of the user's partition
 * ever sees it; every create is a transaction with a {@link #notErased} check on it. The tombstone lands before the
 * partition is emptied, so a create either commits before it (and is erased with the rest) or fails.
 */
public final class ErasedUsers {

    private ErasedUsers() {
    }

    /** Writes the user's tombstone; idempotent, so a redelivered {@code UserDeleted} event is harmless. */
    public static void mark(DynamoDbClient dynamoDb, String table, UUID userId) {
        Map<String, AttributeValue> item = new HashMap<>(key(userId));
        item.put("erased_at", AttributeValue.fromS(Instant.now().toString()));
        dynamoDb.putItem(r -> r.tableName(table).item(item));
    }

    /** The condition a create's transaction carries: the user has no tombstone. */
    public static TransactWriteItem notErased(String table, UUID userId) {
        return TransactWriteItem.builder().conditionCheck(check -> check.tableName(table).key(key(userId))
                .conditionExpression("attribute_not_exists(pk)")).build();
    }

    /**
     * Turns a transaction cancelled by the {@link #notErased} check at {@code index} into a 401; any other
     * cancellation is left to the caller.
     */
    public static void throwIfErased(TransactionCanceledException e, int index) {
        if (e.hasCancellationReasons() && e.cancellationReasons().size() > index
                && "ConditionalCheckFailed".equals(e.cancellationReasons().get(index).code())) {
            throw ApiException.unauthorized(UserDataEraser.ERASED_DETAIL);
        }
    }

    static Map<String, AttributeValue> key(UUID userId) {
        return Map.of("pk", AttributeValue.fromS("ERASED#" + userId), "sk", AttributeValue.fromS("ERASED"));
    }
}
