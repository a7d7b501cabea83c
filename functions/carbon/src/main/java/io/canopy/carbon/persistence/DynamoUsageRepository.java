package io.canopy.carbon.persistence;

import io.canopy.carbon.domain.StaleUsageException;
import io.canopy.carbon.domain.UnknownUsageTypeException;
import io.canopy.carbon.domain.Usage;
import io.canopy.carbon.domain.UsageQuery;
import io.canopy.carbon.domain.UsageRepository;
import io.canopy.carbon.domain.UsageType;
import io.canopy.shared.dynamodb.ErasedUsers;
import io.canopy.shared.dynamodb.DynamoCursors;
import io.canopy.shared.paging.Page;
import io.canopy.shared.paging.PageRequest;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Usages in {@code carbon-usages}: partition {@code USER#<user id>}, sort key {@code USAGE#<id>}; the local
 * secondary index {@code by-usage-at} sorts a user's usages by {@code at_sk = <usage_at>#<id>}. Every write that
 * adds, removes or moves a usage also adjusts its type's {@code usage_count} in one transaction.
 */
@Singleton
class DynamoUsageRepository implements UsageRepository {

    private static final Set<String> INDEX_KEY = Set.of("pk", "sk", "at_sk");

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final String typesTable;

    DynamoUsageRepository(DynamoDbClient dynamoDb, CarbonTables tables) {
        this.dynamoDb = dynamoDb;
        this.table = tables.usages;
        this.typesTable = tables.usageTypes;
    }

    @Override
    public boolean create(Usage usage) {
        try {
            dynamoDb.transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(toItem(usage))
                            .conditionExpression("attribute_not_exists(pk)")).build(),
                    countOn(usage.usageType().id(), 1, true),
                    ErasedUsers.notErased(table, usage.userId())));
            return true;
        } catch (TransactionCanceledException e) {
            ErasedUsers.throwIfErased(e, 2);
            if (failed(e, 1)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<Usage> find(UUID userId, UUID id) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).key(key(userId, id)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toUsage(item));
    }

    @Override
    public Page<Usage> list(UUID userId, UsageQuery query, PageRequest page) {
        Map<String, AttributeValue> start = page.cursor() == null ? null
                : DynamoCursors.decode(page.cursor(), INDEX_KEY, Map.of("pk", AttributeValue.fromS(CarbonTables.userKey(userId))));
        List<Usage> items = new ArrayList<>();
        // A type filter can leave a query page short: keep reading until the page is full or the user's range ends.
        do {
            int remaining = page.limit() - items.size();
            QueryResponse response = dynamoDb.query(query(userId, query).limit(remaining).exclusiveStartKey(start).build());
            response.items().forEach(item -> items.add(toUsage(item)));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null && items.size() < page.limit());
        return new Page<>(items, DynamoCursors.encode(start));
    }

    @Override
    public void forEach(UUID userId, UsageQuery query, Consumer<Usage> consumer) {
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse response = dynamoDb.query(query(userId, query).exclusiveStartKey(start).build());
            response.items().forEach(item -> consumer.accept(toUsage(item)));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
    }

    @Override
    public void update(Usage before, Usage after) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(toItem(after))
                .conditionExpression("version = :expected")
                .expressionAttributeValues(Map.of(":expected", number(before.version())))).build());
        boolean typeChanged = before.usageType().id() != after.usageType().id();
        if (typeChanged) {
            writes.add(countOn(before.usageType().id(), -1, false));
            writes.add(countOn(after.usageType().id(), 1, true));
        }
        try {
            dynamoDb.transactWriteItems(r -> r.transactItems(writes));
        } catch (TransactionCanceledException e) {
            if (failed(e, 0)) {
                throw new StaleUsageException();
            }
            if (typeChanged && failed(e, 2)) {
                throw new UnknownUsageTypeException();
            }
            throw e;
        }
    }

    @Override
    public boolean delete(Usage usage) {
        try {
            dynamoDb.transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().delete(d -> d.tableName(table).key(key(usage.userId(), usage.id()))
                            .conditionExpression("version = :expected")
                            .expressionAttributeValues(Map.of(":expected", number(usage.version())))).build(),
                    countOn(usage.usageType().id(), -1, false)));
            return true;
        } catch (TransactionCanceledException e) {
            if (failed(e, 0)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public long deleteAll(UUID userId) {
        ErasedUsers.mark(dynamoDb, table, userId);
        long deleted = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse response = dynamoDb.query(r -> r.tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(CarbonTables.userKey(userId))))
                    .exclusiveStartKey(from));
            for (Map<String, AttributeValue> item : response.items()) {
                if (delete(toUsage(item))) {
                    deleted++;
                }
            }
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return deleted;
    }

    private QueryRequest.Builder query(UUID userId, UsageQuery query) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", AttributeValue.fromS(CarbonTables.userKey(userId)));
        String condition = "pk = :pk";
        if (query.from() != null || query.to() != null) {
            Instant from = query.from() == null ? Instant.EPOCH : query.from();
            String to = query.to() == null ? "\uffff" : CarbonTables.sortable(query.to()) + "#\uffff";
            values.put(":from", AttributeValue.fromS(CarbonTables.sortable(from)));
            values.put(":to", AttributeValue.fromS(to));
            condition += " AND at_sk BETWEEN :from AND :to";
        }
        QueryRequest.Builder request = QueryRequest.builder().tableName(table).indexName(CarbonTables.BY_USAGE_AT)
                .keyConditionExpression(condition).scanIndexForward(false);
        if (query.usageTypeId() != null) {
            values.put(":type", number(query.usageTypeId()));
            request.filterExpression("type_id = :type");
        }
        return request.expressionAttributeValues(values);
    }

    /** Adds {@code delta} to a type's usage count; {@code mustExist} makes the transaction fail for an unknown type. */
    private TransactWriteItem countOn(long typeId, int delta, boolean mustExist) {
        return TransactWriteItem.builder().update(u -> {
            u.tableName(typesTable).key(DynamoUsageTypeRepository.key(typeId))
                    .updateExpression("ADD usage_count :delta")
                    .expressionAttributeValues(Map.of(":delta", number(delta)));
            // Without the condition, decrementing a type that is gone would re-create it as a bare item.
            u.conditionExpression("attribute_exists(id)");
        }).build();
    }

    private static boolean failed(TransactionCanceledException e, int index) {
        List<CancellationReason> reasons = e.cancellationReasons();
        return reasons != null && reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    private static Map<String, AttributeValue> key(UUID userId, UUID id) {
        return Map.of("pk", AttributeValue.fromS(CarbonTables.userKey(userId)), "sk", AttributeValue.fromS(CarbonTables.usageKey(id)));
    }

    private static Map<String, AttributeValue> toItem(Usage usage) {
        Map<String, AttributeValue> item = new HashMap<>(key(usage.userId(), usage.id()));
        item.put("at_sk", AttributeValue.fromS(CarbonTables.atKey(usage.usageAt(), usage.id())));
        item.put("id", AttributeValue.fromS(usage.id().toString()));
        item.put("user_id", AttributeValue.fromS(usage.userId().toString()));
        item.put("amount", AttributeValue.fromN(usage.amount().toPlainString()));
        item.put("type_id", number(usage.usageType().id()));
        item.put("type_name", AttributeValue.fromS(usage.usageType().name()));
        item.put("type_unit", AttributeValue.fromS(usage.usageType().unit()));
        item.put("type_factor", AttributeValue.fromN(usage.usageType().factor().toPlainString()));
        item.put("co2e_kg", AttributeValue.fromN(usage.co2eKg().toPlainString()));
        item.put("usage_at", AttributeValue.fromS(usage.usageAt().toString()));
        item.put("created_at", AttributeValue.fromS(usage.createdAt().toString()));
        item.put("updated_at", AttributeValue.fromS(usage.updatedAt().toString()));
        item.put("version", number(usage.version()));
        return item;
    }

    private static Usage toUsage(Map<String, AttributeValue> item) {
        UsageType type = new UsageType(Long.parseLong(item.get("type_id").n()), item.get("type_name").s(),
                item.get("type_unit").s(), new BigDecimal(item.get("type_factor").n()));
        return new Usage(UUID.fromString(item.get("id").s()), UUID.fromString(item.get("user_id").s()),
                new BigDecimal(item.get("amount").n()), type, new BigDecimal(item.get("co2e_kg").n()),
                Instant.parse(item.get("usage_at").s()), Instant.parse(item.get("created_at").s()),
                Instant.parse(item.get("updated_at").s()), Long.parseLong(item.get("version").n()));
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
