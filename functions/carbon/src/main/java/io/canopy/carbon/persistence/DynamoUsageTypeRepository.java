package io.canopy.carbon.persistence;

import io.canopy.carbon.domain.UsageType;
import io.canopy.carbon.domain.UsageTypeRepository;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Usage types, one item per type keyed by its integer id, each with a {@code usage_count} that usage writes keep
 * up to date in the same transaction — so "still referenced" is a condition on one item, not a search.
 */
@Singleton
class DynamoUsageTypeRepository implements UsageTypeRepository {

    /** The item that records that the reference data was seeded; never listed. */
    static final long SEED_MARKER_ID = 0;

    private final DynamoDbClient dynamoDb;
    private final String table;

    DynamoUsageTypeRepository(DynamoDbClient dynamoDb, CarbonTables tables) {
        this.dynamoDb = dynamoDb;
        this.table = tables.usageTypes;
    }

    @Override
    public List<UsageType> all() {
        // A scan of reference data: a handful of items, read whole (never user data).
        List<UsageType> types = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = dynamoDb.scan(r -> r.tableName(table).exclusiveStartKey(from));
            page.items().stream().filter(item -> Long.parseLong(item.get("id").n()) != SEED_MARKER_ID)
                    .map(DynamoUsageTypeRepository::toType).forEach(types::add);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        types.sort(Comparator.comparingLong(UsageType::id));
        return types;
    }

    @Override
    public Optional<UsageType> find(long id) {
        if (id == SEED_MARKER_ID) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).key(key(id)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toType(item));
    }

    @Override
    public boolean create(UsageType type) {
        Map<String, AttributeValue> item = new HashMap<>(toItem(type));
        item.put("usage_count", AttributeValue.fromN("0"));
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(id)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void put(UsageType type) {
        dynamoDb.updateItem(r -> r.tableName(table).key(key(type.id()))
                .updateExpression("SET #name = :name, #unit = :unit, factor = :factor, usage_count = if_not_exists(usage_count, :zero)")
                .expressionAttributeNames(Map.of("#name", "name", "#unit", "unit"))
                .expressionAttributeValues(Map.of(":name", AttributeValue.fromS(type.name()),
                        ":unit", AttributeValue.fromS(type.unit()),
                        ":factor", AttributeValue.fromN(type.factor().toPlainString()),
                        ":zero", AttributeValue.fromN("0"))));
    }

    @Override
    public DeleteResult delete(long id) {
        if (id == SEED_MARKER_ID) {
            return DeleteResult.NOT_FOUND;
        }
        try {
            dynamoDb.deleteItem(r -> r.tableName(table).key(key(id))
                    .conditionExpression("attribute_exists(id) AND usage_count = :zero")
                    .expressionAttributeValues(Map.of(":zero", AttributeValue.fromN("0")))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return DeleteResult.DELETED;
        } catch (ConditionalCheckFailedException e) {
            return e.hasItem() && !e.item().isEmpty() ? DeleteResult.IN_USE : DeleteResult.NOT_FOUND;
        }
    }

    static Map<String, AttributeValue> key(long id) {
        return Map.of("id", AttributeValue.fromN(Long.toString(id)));
    }

    static Map<String, AttributeValue> toItem(UsageType type) {
        return Map.of("id", AttributeValue.fromN(Long.toString(type.id())),
                "name", AttributeValue.fromS(type.name()),
                "unit", AttributeValue.fromS(type.unit()),
                "factor", AttributeValue.fromN(type.factor().toPlainString()));
    }

    private static UsageType toType(Map<String, AttributeValue> item) {
        return new UsageType(Long.parseLong(item.get("id").n()), item.get("name").s(), item.get("unit").s(),
                new BigDecimal(item.get("factor").n()));
    }
}
