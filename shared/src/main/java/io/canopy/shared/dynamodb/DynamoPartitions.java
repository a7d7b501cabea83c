package io.canopy.shared.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.List;
import java.util.Map;

/**
 * Erasing a whole partition of a {@code pk}/{@code sk} table — how the DynamoDB groups delete a user's data: a
 * consistent Query of the keys, deleted in batches of 25 with back-off for what DynamoDB leaves unprocessed.
 */
public final class DynamoPartitions {

    private static final int BATCH_WRITE_MAX = 25;
    private static final int MAX_ATTEMPTS = 9;

    private DynamoPartitions() {
    }

    /**
     * Deletes every item whose {@code pk} is {@code partitionKey}.
     *
     * @param countedSkPrefix only items whose sort key starts with it are counted (e.g. {@code PAYMENT#}); "" counts all
     * @return how many counted items were deleted
     * @throws IllegalStateException when DynamoDB keeps refusing some deletes; the caller's event is delivered again
     */
    public static long deleteAll(DynamoDbClient dynamoDb, String table, String partitionKey, String countedSkPrefix) {
        long counted = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamoDb.query(r -> r.tableName(table).consistentRead(true).keyConditionExpression("pk = :pk")
                    .projectionExpression("pk, sk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partitionKey))).exclusiveStartKey(from));
            List<WriteRequest> deletes = page.items().stream()
                    .map(item -> WriteRequest.builder().deleteRequest(DeleteRequest.builder()
                            .key(Map.of("pk", item.get("pk"), "sk", item.get("sk"))).build()).build())
                    .toList();
            for (int i = 0; i < deletes.size(); i += BATCH_WRITE_MAX) {
                batchDelete(dynamoDb, table, deletes.subList(i, Math.min(deletes.size(), i + BATCH_WRITE_MAX)));
            }
            counted += page.items().stream().filter(item -> item.get("sk").s().startsWith(countedSkPrefix)).count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return counted;
    }

    private static void batchDelete(DynamoDbClient dynamoDb, String table, List<WriteRequest> deletes) {
        Map<String, List<WriteRequest>> pending = Map.of(table, deletes);
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt >= MAX_ATTEMPTS) {
                throw new IllegalStateException("DynamoDB left " + pending.get(table).size() + " deletes unprocessed in " + table);
            }
            if (attempt > 0) {
                sleepBeforeRetry(attempt);
            }
            Map<String, List<WriteRequest>> request = pending;
            BatchWriteItemResponse response = dynamoDb.batchWriteItem(r -> r.requestItems(request));
            pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        }
    }

    private static void sleepBeforeRetry(int attempt) {
        try {
            Thread.sleep(Math.min(1000, 50L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while erasing", e);
        }
    }
}
