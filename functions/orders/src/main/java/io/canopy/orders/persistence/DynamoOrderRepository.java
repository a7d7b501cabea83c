package io.canopy.orders.persistence;

import io.canopy.orders.domain.Order;
import io.canopy.orders.domain.OrderItem;
import io.canopy.orders.domain.OrderRepository;
import io.canopy.shared.dynamodb.DynamoCursors;
import io.canopy.shared.dynamodb.TableNames;
import io.canopy.shared.paging.Page;
import io.canopy.shared.paging.PageRequest;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code orders-orders}: partition {@code USER#<user id>}, sort key {@code ORDER#<id>}; the LSI {@code by-created}
 * sorts a user's orders by {@code created_sk = <created>#<id>}. Every change is a put conditional on the version
 * read, so two requests never both move one order.
 */
@Singleton
class DynamoOrderRepository implements OrderRepository {

    static final String TABLE = "orders-orders";
    private static final DateTimeFormatter SORTABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Set<String> INDEX_KEY = Set.of("pk", "sk", "created_sk");

    private final DynamoDbClient dynamoDb;
    private final String table;

    DynamoOrderRepository(DynamoDbClient dynamoDb, TableNames names) {
        this.dynamoDb = dynamoDb;
        this.table = names.of(TABLE);
    }

    @Override
    public void create(Order order) {
        dynamoDb.putItem(r -> r.tableName(table).item(toItem(order)).conditionExpression("attribute_not_exists(sk)"));
    }

    @Override
    public Optional<Order> find(UUID userId, UUID id) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true).key(key(userId, id))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toOrder(item));
    }

    @Override
    public Page<Order> list(UUID userId, @Nullable String status, @Nullable Boolean cancelled, PageRequest page) {
        Map<String, AttributeValue> start = page.cursor() == null ? null
                : DynamoCursors.decode(page.cursor(), INDEX_KEY, Map.of("pk", AttributeValue.fromS("USER#" + userId)));
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", AttributeValue.fromS("USER#" + userId));
        List<String> filters = new ArrayList<>();
        if (status != null) {
            values.put(":status", AttributeValue.fromS(status));
            filters.add("#status = :status");
        }
        if (cancelled != null) {
            values.put(":cancelled", AttributeValue.fromS(Order.CANCELLED));
            filters.add(cancelled ? "#status = :cancelled" : "#status <> :cancelled");
        }
        QueryRequest.Builder base = QueryRequest.builder().tableName(table).indexName("by-created").scanIndexForward(false)
                .keyConditionExpression("pk = :pk").expressionAttributeValues(values);
        if (!filters.isEmpty()) {
            base.filterExpression(String.join(" AND ", filters)).expressionAttributeNames(Map.of("#status", "status"));
        }
        List<Order> items = new ArrayList<>();
        do {
            QueryResponse response = dynamoDb.query(base.limit(page.limit() - items.size()).exclusiveStartKey(start).build());
            response.items().forEach(item -> items.add(toOrder(item)));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null && items.size() < page.limit());
        return new Page<>(items, DynamoCursors.encode(start));
    }

    @Override
    public boolean update(Order changed) {
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(toItem(changed)).conditionExpression("version = :expected")
                    .expressionAttributeValues(Map.of(":expected", AttributeValue.fromN(Long.toString(changed.version() - 1)))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean delete(Order order) {
        try {
            dynamoDb.deleteItem(r -> r.tableName(table).key(key(order.userId(), order.id())).conditionExpression("version = :expected")
                    .expressionAttributeValues(Map.of(":expected", AttributeValue.fromN(Long.toString(order.version())))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public long deleteAll(UUID userId) {
        long deleted = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamoDb.query(r -> r.tableName(table).consistentRead(true).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("USER#" + userId))).exclusiveStartKey(from));
            for (Map<String, AttributeValue> item : page.items()) {
                dynamoDb.deleteItem(r -> r.tableName(table).key(Map.of("pk", item.get("pk"), "sk", item.get("sk"))));
                deleted++;
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return deleted;
    }

    private static Map<String, AttributeValue> key(UUID userId, UUID id) {
        return Map.of("pk", AttributeValue.fromS("USER#" + userId), "sk", AttributeValue.fromS("ORDER#" + id));
    }

    private static Map<String, AttributeValue> toItem(Order order) {
        Map<String, AttributeValue> item = new HashMap<>(key(order.userId(), order.id()));
        item.put("created_sk", AttributeValue.fromS(SORTABLE.format(order.created()) + "#" + order.id()));
        item.put("id", AttributeValue.fromS(order.id().toString()));
        item.put("user_id", AttributeValue.fromS(order.userId().toString()));
        item.put("status", AttributeValue.fromS(order.status()));
        item.put("created", AttributeValue.fromS(order.created().toString()));
        item.put("updated", AttributeValue.fromS(order.updated().toString()));
        item.put("version", AttributeValue.fromN(Long.toString(order.version())));
        if (order.paymentId() != null) {
            item.put("payment_id", AttributeValue.fromS(order.paymentId().toString()));
        }
        if (order.scheduleId() != null) {
            item.put("schedule_id", AttributeValue.fromS(order.scheduleId().toString()));
        }
        item.put("items", AttributeValue.fromL(order.items().stream().map(line -> AttributeValue.fromM(Map.of(
                "product", AttributeValue.fromS(line.product()), "size", AttributeValue.fromS(line.size()),
                "quantity", AttributeValue.fromN(Integer.toString(line.quantity()))))).toList()));
        return item;
    }

    private static Order toOrder(Map<String, AttributeValue> item) {
        List<OrderItem> lines = item.get("items").l().stream().map(AttributeValue::m).map(m -> new OrderItem(m.get("product").s(),
                m.get("size").s(), Integer.parseInt(m.get("quantity").n()))).toList();
        return new Order(UUID.fromString(item.get("id").s()), UUID.fromString(item.get("user_id").s()), item.get("status").s(), lines,
                Instant.parse(item.get("created").s()), Instant.parse(item.get("updated").s()),
                item.containsKey("payment_id") ? UUID.fromString(item.get("payment_id").s()) : null,
                item.containsKey("schedule_id") ? UUID.fromString(item.get("schedule_id").s()) : null,
                Long.parseLong(item.get("version").n()));
    }
}
